import { connectorNodeProblems, isConnectorKind, type ConnectorNodeLike, type ConnectorProblem } from "./design-connectors";
import type { DesignNode, Topology } from "./design-schema";

// The design-wide part of connector validation (validate-design.ts calls it once per pass): each connector's
// topics from its edges, its own checks, and names used twice on one Connect cluster.

export type ConnectorNode = Extract<DesignNode, { kind: "sourceConnector" | "sinkConnector" }>;

export const isConnectorNode = (n: DesignNode): n is ConnectorNode => isConnectorKind(n.kind);

/** Per connector node id: the names of the topics it reads (edges in) and writes (edges out). Linear. */
export function connectorTopics(t: Topology): Map<string, { reads: string[]; writes: string[] }> {
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { reads: string[]; writes: string[] }>();
  for (const n of t.nodes) if (isConnectorNode(n)) out.set(n.id, { reads: [], writes: [] });
  for (const e of t.edges) {
    const s = byId.get(e.source);
    const d = byId.get(e.target);
    if (s?.kind === "sourceConnector" && d?.kind === "topic" && d.data.name) out.get(s.id)?.writes.push(d.data.name);
    if (s?.kind === "topic" && d?.kind === "sinkConnector" && s.data.name) out.get(d.id)?.reads.push(s.data.name);
  }
  return out;
}

export function connectorDesignProblems(t: Topology): ConnectorProblem[] {
  const topics = connectorTopics(t);
  const problems: ConnectorProblem[] = [];
  const names = new Map<string, string[]>();
  for (const n of t.nodes) {
    if (!isConnectorNode(n)) continue;
    problems.push(...connectorNodeProblems(n as ConnectorNodeLike, topics.get(n.id) ?? { reads: [], writes: [] }));
    if (n.data.name) {
      const key = `${n.data.connectCluster}\u0000${n.data.name}`;
      names.set(key, [...(names.get(key) ?? []), n.id]);
    }
  }
  for (const [key, ids] of names) {
    if (ids.length < 2) continue;
    const name = key.split("\u0000")[1];
    for (const id of ids) problems.push({ severity: "error", nodeId: id, field: "name", message: `Connector "${name}" appears ${ids.length} times in this design` });
  }
  return problems;
}
