import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { looksSecret } from "@/lib/connect/mask-config";
import { parseExpandedList } from "@/lib/connect/parse-connect";
import { holdsReference, secretRef } from "@/lib/connect/secret-refs";
import { defaultNodeData, type DesignEdge, type DesignNode, type Topology } from "@/lib/designs/design-schema";
import { isMirrorSource, MIRROR_CONNECTION_KEY, singleTopicKey } from "@/lib/designs/design-connectors";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { connectCall, connectTargetOf, type ConnectTarget } from "@/server/connect/connect-client";
import { listConnectClusterRows } from "@/server/connect/connect-clusters";
import { pluginPasswordKeys } from "@/server/connect/describe-connector";
import { connectorTopics } from "@/server/connect/list-connectors";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

// Import from a cluster brings its connectors in (issue 14, item 6): each connector of the cluster's Connect
// clusters that touches an imported topic (every connector when the import is not filtered) becomes a source or
// sink node wired to its topics, its config as Connect holds it, except that a secret is never copied: its value
// becomes a ${secret:…} reference to set in the cluster's secret store before applying (the node says which).
// MirrorMaker's connection settings are left out (apply fills them), its source cluster found by its address.

const TOPIC_CALLS = 4;
const secretNameFor = (connector: string, key: string) => `${connector}.${key}`.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100);

interface Imported {
  node: DesignNode;
  topics: string[];
}

async function connectorsOf(target: ConnectTarget, clusters: Cluster[]): Promise<Imported[]> {
  const rows = parseExpandedList((await connectCall(target, "GET", "/connectors", { query: { expand: ["status", "info"] } })).body);
  return mapLimit(rows, TOPIC_CALLS, async (r): Promise<Imported> => {
    const config = { ...(r.info?.config ?? {}) };
    const className = config["connector.class"] ?? "";
    const type = r.status && r.status.type !== "unknown" ? r.status.type : (r.info?.type ?? "unknown");
    const kind = type === "sink" ? "sinkConnector" : "sourceConnector";
    const passwords = new Set(className ? await pluginPasswordKeys(target, className) : []);
    const secrets: string[] = [];
    const kept: Record<string, string> = {};
    let sourceCluster = "";
    for (const [key, value] of Object.entries(config)) {
      if (key === "name" || key === "connector.class") continue;
      if (isMirrorSource(className) && MIRROR_CONNECTION_KEY.test(key)) {
        if (key === "source.cluster.bootstrap.servers") sourceCluster = clusters.find((c) => c.bootstrapServers === value)?.name ?? "";
        continue;
      }
      if (value !== "" && (passwords.has(key) || looksSecret(key)) && !holdsReference(value)) {
        const name = secretNameFor(r.name, key);
        secrets.push(name);
        kept[key] = secretRef(name);
      } else kept[key] = value;
    }
    const active = (await connectorTopics(target, r.name)) ?? [];
    const configured = type === "sink" ? (config.topics ?? "").split(",").map((t) => t.trim()).filter(Boolean) : [];
    const topics = [...new Set([...active, ...configured])].sort();
    const note = secrets.length ? `Imported from Kafka Connect "${target.name}". Set these secrets on the cluster's Connect page before applying: ${secrets.join(", ")}.` : `Imported from Kafka Connect "${target.name}".`;
    const data = { ...defaultNodeData(kind), name: r.name, connectCluster: target.name, connectorClass: className, config: kept, description: note, sourceCluster };
    return { node: { id: "", kind, data } as DesignNode, topics };
  });
}

/**
 * The topology with the cluster's connectors added, wired to the topic nodes it has. `all`: every connector, else
 * only those that touch one of its topics. A Connect cluster that does not answer is left out (and logged).
 */
export async function withClusterConnectors(cluster: Cluster, t: Topology, all: boolean): Promise<Topology> {
  const rows = await listConnectClusterRows(cluster.id);
  if (!rows.length) return t;
  const clusters = await prisma.cluster.findMany();
  const topicIds = new Map(t.nodes.flatMap((n) => (n.kind === "topic" ? [[n.data.name, n.id] as const] : [])));
  const used = new Set(t.nodes.map((n) => n.id));
  const nodes = [...t.nodes];
  const edges: DesignEdge[] = [...t.edges];
  for (const row of rows) {
    let imported: Imported[];
    try {
      imported = await connectorsOf(connectTargetOf(row), clusters);
    } catch (e) {
      logger.warn("import from cluster: a Connect cluster did not answer", { connect: row.name, error: isAppError(e) ? e.userMessage : String(e) });
      continue;
    }
    for (const { node, topics } of imported) {
      const linked = topics.filter((x) => topicIds.has(x));
      if (!all && !linked.length) continue;
      const base = `${node.kind === "sinkConnector" ? "sink" : "source"}-${(node.data as { name: string }).name.replace(/[^A-Za-z0-9_-]+/g, "_")}`.slice(0, 60);
      let id = base;
      for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
      used.add(id);
      nodes.push({ ...node, id } as DesignNode);
      for (const topic of linked) {
        const topicId = topicIds.get(topic)!;
        const [source, target] = node.kind === "sinkConnector" ? [topicId, id] : [id, topicId];
        edges.push({ id: `e${edges.length + 1}-${id}`.slice(0, 160), source, target });
      }
      // A key the edges now give is not kept twice: a sink's topics, a single-topic source's topic.
      const d = node.data as { config: Record<string, string>; connectorClass: string };
      if (node.kind === "sinkConnector" && d.config.topics !== undefined && [...linked].sort().join(",") === d.config.topics.split(",").map((x) => x.trim()).sort().join(",")) {
        delete d.config.topics;
      }
      const key = singleTopicKey(d.connectorClass);
      if (node.kind === "sourceConnector" && key && linked.length === 1 && d.config[key] === linked[0]) delete d.config[key];
    }
  }
  return { nodes, edges };
}
