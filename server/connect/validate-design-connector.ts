import "server-only";
import type { DesignConnectorValidation } from "@/lib/connect/design-connector-validation";
import { findPlugin } from "@/lib/connect/filter-connectors";
import { parseValidation } from "@/lib/connect/parse-connect";
import type { ConnectorData, ConnectorKind } from "@/lib/designs/connector-data";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { resolveDesignConnectors } from "@/server/plan/resolve-connectors";
import { connectCall, connectPath, connectTargetOf } from "./connect-client";
import { listConnectorPlugins } from "./connect-cluster-status";
import { listConnectClusterRows } from "./connect-clusters";

// Validation while drawing (issue 14, item 5): a connector node's config as apply would send it (secrets opened,
// topics from its edges, MirrorMaker's connections filled), checked by the bound cluster's Connect with the
// plugin's own definition (`PUT /connector-plugins/{class}/config/validate`). Each error lands on the field it is
// about; values never come back, and stored secrets are cut out of Connect's messages.

const message = (e: unknown) => (isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e));

/** The properties panel field a Connect key's error belongs to. */
function fieldOf(key: string, data: ConnectorData): string {
  if (key === "connector.class") return "connectorClass";
  if (key === "name") return "name";
  if (key in data.config) return `config.${key}`;
  if (/^(source|target)\.cluster\./.test(key) && data.sourceCluster) return "sourceCluster";
  if (key === "topics" || key === "topic" || key === "topics.regex") return "topics";
  return `config.${key}`;
}

export async function validateDesignConnector(
  cluster: Cluster | null,
  node: { kind: ConnectorKind; data: ConnectorData },
  topics: { reads: string[]; writes: string[] },
): Promise<DesignConnectorValidation> {
  const none = (unavailable: string): DesignConnectorValidation => ({ connect: null, unavailable, pluginType: null, errors: {}, keys: [] });
  if (!cluster) return none("The design is not bound to a cluster: local checks only.");
  if (!node.data.connectorClass.trim()) return none("Choose a plugin to have Kafka Connect check the configuration.");
  const rows = await listConnectClusterRows(cluster.id);
  if (!rows.length) return none(`Cluster "${cluster.name}" has no Kafka Connect cluster: local checks only.`);
  const id = "node";
  const [d] = await resolveDesignConnectors(cluster, { nodes: [{ id, ...node } as never], edges: [] }, rows.map((r) => r.name), new Map([[id, topics]]));
  const row = rows.find((r) => r.name === d.connect);
  if (!row) return none(d.refusals[0] ?? "No Kafka Connect cluster chosen.");
  const target = connectTargetOf(row);
  const errors: Record<string, string> = {};
  const add = (field: string, text: string) => (errors[field] = errors[field] ? `${errors[field]} ${text}` : text);
  for (const r of d.refusals) add(/Connect cluster/.test(r) ? "connectCluster" : /secret "/.test(r) ? `config.${r.split(":")[0]}` : "sourceCluster", r);
  try {
    const plugins = await listConnectorPlugins(target);
    const plugin = findPlugin(plugins, d.className);
    if (!plugin) {
      add("connectorClass", `The workers of "${target.name}" have no plugin ${d.className}`);
      return { connect: target.name, unavailable: null, pluginType: null, errors, keys: [] };
    }
    const type = d.type;
    if (plugin.type !== "unknown" && plugin.type !== type) add("connectorClass", `${d.className} is a ${plugin.type} plugin: draw it as a ${plugin.type} connector`);
    const body = { ...Object.fromEntries(Object.entries(d.config).map(([k, v]) => [k, v.value])), name: node.data.name || "unnamed" };
    const res = await connectCall(target, "PUT", connectPath("connector-plugins", d.className, "config", "validate"), { body, timeoutMs: 30_000 });
    const v = parseValidation(res.body);
    const secrets = Object.values(d.config).filter((x) => x.secret && x.value.length >= 3);
    const redact = (text: string) => secrets.reduce((t, s) => t.split(s.value).join(s.shown), text);
    for (const k of v.keys) for (const e of k.errors) add(fieldOf(k.definition.name, node.data), redact(`${k.definition.name}: ${e}`));
    const keys = v.keys.map((k) => ({
      name: k.definition.name,
      type: k.definition.type,
      required: k.definition.required,
      defaultValue: k.definition.type === "PASSWORD" ? null : k.definition.defaultValue,
      documentation: k.definition.documentation,
      group: k.definition.group,
    }));
    return { connect: target.name, unavailable: null, pluginType: plugin.type, errors, keys };
  } catch (e) {
    return { connect: target.name, unavailable: `Kafka Connect could not check it: ${message(e)}`, pluginType: null, errors, keys: [] };
  }
}
