import { connectorDataSchema } from "./connector-data";
import { isConnectorKind } from "./design-connectors";
import { MAX_EDGES, MAX_NODES, topologySchema, type DesignEdge, type DesignNode, type Topology } from "./design-schema";

// Kafka Connect connectors are not an AsyncAPI concept (AsyncAPI describes applications and channels, not the
// Connect runtime, its plugins and configs). The export leaves them out of channels and operations and carries
// them whole in one root-level extension, `x-topiary-connectors` (each node with its edges; secrets are only ever
// references, so nothing secret is written); the import puts them back when the document has it. Other tools
// ignore the extension: to them the connector's topics are simply channels.

export const CONNECTORS_X = "x-topiary-connectors";

type Json = Record<string, unknown>;
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The topology without its connectors (and their edges), and the extension that carries them; null when none. */
export function connectorsApart(t: Topology): { topology: Topology; extension: Json[] | null } {
  const connectors = t.nodes.filter((n) => isConnectorKind(n.kind));
  if (!connectors.length) return { topology: t, extension: null };
  const ids = new Set(connectors.map((n) => n.id));
  const edgesOf = (id: string) => t.edges.filter((e) => e.source === id || e.target === id).map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return {
    topology: { nodes: t.nodes.filter((n) => !ids.has(n.id)), edges: t.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)) },
    extension: connectors.map((n) => ({ id: n.id, kind: n.kind, data: structuredClone(n.data), edges: edgesOf(n.id) })),
  };
}

/**
 * The imported topology with the connectors of the extension added back: each entry checked (id, kind, data), and
 * each of its edges kept when its other end is a node of the document. What cannot be taken is said in `warnings`.
 */
export function withConnectorsFrom(t: Topology, extension: unknown, warnings: string[]): Topology {
  if (extension === undefined) return t;
  if (!Array.isArray(extension)) {
    warnings.push(`${CONNECTORS_X} is not a list and was ignored`);
    return t;
  }
  const nodes: DesignNode[] = [...t.nodes];
  const edges: DesignEdge[] = [...t.edges];
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(edges.map((e) => e.id));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
  const added: { id: string; edges: unknown }[] = [];
  for (const entry of extension) {
    const e = (typeof entry === "object" && entry !== null ? entry : {}) as Json;
    const data = connectorDataSchema.safeParse(e.data);
    if (typeof e.id !== "string" || !NODE_ID.test(e.id) || typeof e.kind !== "string" || !isConnectorKind(e.kind) || !data.success) {
      warnings.push(`An entry of ${CONNECTORS_X} has no valid id, kind or data and was skipped`);
      continue;
    }
    if (nodeIds.has(e.id)) {
      warnings.push(`Connector "${e.id}": node id used twice, so it was skipped`);
      continue;
    }
    nodeIds.add(e.id);
    nodes.push({ id: e.id, kind: e.kind, data: data.data } as DesignNode);
    added.push({ id: e.id, edges: e.edges });
  }
  for (const a of added) {
    for (const raw of Array.isArray(a.edges) ? a.edges : []) {
      const edge = (typeof raw === "object" && raw !== null ? raw : {}) as Json;
      const { source, target } = edge;
      if (typeof source !== "string" || typeof target !== "string" || (source !== a.id && target !== a.id) || !nodeIds.has(source) || !nodeIds.has(target)) {
        warnings.push(`Connector "${a.id}": a connection to a node the document does not have was left out`);
        continue;
      }
      if (pairs.has(`${source}\u0000${target}`)) continue;
      pairs.add(`${source}\u0000${target}`);
      let id = typeof edge.id === "string" && edge.id.length <= 160 && edge.id ? edge.id : `e-${source}-${target}`.slice(0, 150);
      for (let i = 2; edgeIds.has(id); i++) id = `e-${source}-${target}`.slice(0, 150) + `-${i}`;
      edgeIds.add(id);
      edges.push({ id, source, target });
    }
  }
  if (nodes.length > MAX_NODES || edges.length > MAX_EDGES) {
    warnings.push(`${CONNECTORS_X}: the connectors would take the design past ${MAX_NODES} nodes or ${MAX_EDGES} edges, so they were left out`);
    return t;
  }
  return topologySchema.parse({ nodes, edges });
}
