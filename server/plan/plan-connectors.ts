import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { isMirrorSource } from "@/lib/designs/design-connectors";
import type { Topology } from "@/lib/designs/design-schema";
import { connectorTopics, isConnectorNode } from "@/lib/designs/validate-connectors";
import { validateDesign } from "@/lib/designs/validate-design";
import { planConnectors } from "@/lib/plan/connector-plan";
import type { ConnectLive, ConnectorPlanPart, DesiredConnector } from "@/lib/plan/connector-plan-types";
import { parseExpandedList, parseValidation } from "@/lib/connect/parse-connect";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { connectCall, connectPath, connectTargetOf, type ConnectTarget } from "@/server/connect/connect-client";
import { listConnectorPlugins } from "@/server/connect/connect-cluster-status";
import { listConnectClusterRows } from "@/server/connect/connect-clusters";
import { pluginPasswordKeys } from "@/server/connect/describe-connector";
import { resolveDesignConnectors } from "./resolve-connectors";

// The connectors' part of a plan (issue 14, item 6): the design's connector nodes resolved against Topiary's
// store (Connect clusters, secrets, MirrorMaker's source cluster), each used Connect cluster read (plugins and
// connectors, one call each), Connect's own validation of what would be created or changed, then the pure plan.

export interface ConnectorPlanning {
  part: ConnectorPlanPart;
  /** What apply sends (secrets opened): never leaves the server. */
  desired: DesiredConnector[];
  /** The Connect clusters it used, ready to call. */
  targets: Map<string, ConnectTarget>;
}

const message = (e: unknown) => (isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e));

async function readConnect(target: ConnectTarget, described: Set<string>): Promise<ConnectLive> {
  try {
    const [plugins, listed] = await Promise.all([listConnectorPlugins(target), connectCall(target, "GET", "/connectors", { query: { expand: ["status", "info"] } })]);
    const rows = parseExpandedList(listed.body);
    const connectors = await mapLimit(rows, 4, async (r) => {
      const className = r.info?.config["connector.class"] ?? "";
      return {
        name: r.name,
        type: r.status && r.status.type !== "unknown" ? r.status.type : (r.info?.type ?? "unknown"),
        config: r.info?.config ?? {},
        state: r.status?.state ?? null,
        // Only the connectors the design describes are compared, so only their plugins are asked.
        passwordKeys: described.has(r.name) && className ? await pluginPasswordKeys(target, className) : [],
      };
    });
    return { name: target.name, error: null, plugins, connectors };
  } catch (e) {
    return { name: target.name, error: message(e), plugins: [], connectors: [] };
  }
}

/** Connect's validation errors of a connector's config ("key: message"), secrets cut out of the messages. */
async function validationErrors(target: ConnectTarget, d: DesiredConnector): Promise<string[]> {
  const body: Record<string, string> = { ...Object.fromEntries(Object.entries(d.config).map(([k, v]) => [k, v.value])), name: d.name };
  const res = await connectCall(target, "PUT", connectPath("connector-plugins", d.className, "config", "validate"), { body, timeoutMs: 60_000 });
  const v = parseValidation(res.body);
  const secrets = Object.values(d.config).filter((x) => x.secret && x.value.length >= 3);
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s.value).join(s.shown), text);
  return v.keys.flatMap((k) => k.errors.map((e) => redact(`${k.definition.name}: ${e}`)));
}

/** The connectors' plan part of a design on its bound cluster; null when the design has no connector. */
export async function planDesignConnectors(cluster: Cluster, topology: Topology, brokerCount: number): Promise<ConnectorPlanning | null> {
  if (!topology.nodes.some(isConnectorNode)) return null;
  const nodeErrors = new Map<string, string[]>();
  for (const p of validateDesign(topology, { brokerCount })) {
    if (p.severity === "error" && p.nodeId) nodeErrors.set(p.nodeId, [...(nodeErrors.get(p.nodeId) ?? []), p.message]);
  }
  const rows = await listConnectClusterRows(cluster.id);
  const desired = await resolveDesignConnectors(cluster, topology, rows.map((r) => r.name), connectorTopics(topology));
  const targets = new Map<string, ConnectTarget>();
  for (const r of rows) if (desired.some((d) => d.connect === r.name)) targets.set(r.name, connectTargetOf(r));
  const connects = await Promise.all(
    [...targets.values()].map((t) => readConnect(t, new Set(desired.filter((d) => d.connect === t.name).map((d) => d.name)))),
  );

  const first = planConnectors({ desired, connects, nodeErrors });
  const toValidate = first.connectors.filter((c) => c.status === "create" || c.status === "update");
  if (!toValidate.length) return { part: first, desired, targets };
  const validation = new Map<string, string[]>();
  await mapLimit(toValidate, 4, async (c) => {
    const d = desired.find((x) => x.nodeId === c.nodeId)!;
    const target = targets.get(d.connect)!;
    try {
      const errors = await validationErrors(target, d);
      if (errors.length) validation.set(d.nodeId, errors);
    } catch (e) {
      validation.set(d.nodeId, [`could not validate the configuration: ${message(e)}`]);
    }
  });
  return { part: planConnectors({ desired, connects, nodeErrors, validation }), desired, targets };
}

/** True when a desired connector replicates from another Topiary cluster (MirrorMaker 2). */
export const replicatesFrom = (d: DesiredConnector) => isMirrorSource(d.className) && !!d.sourceClusterId;
