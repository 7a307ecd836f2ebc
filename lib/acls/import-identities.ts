import { defaultAccess, type ApplicationAccess } from "../designs/design-identities";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { WILDCARD, type AclBinding, type AclOperation, type ResourceType } from "./acl-model";

// Import from a cluster (issue 13, item 7): principals whose ALLOW bindings match the imported design's topics and
// groups come in as identities. A principal that may WRITE topics of the design becomes a producer node writing
// to them (transactional, idempotent and prefixed as its bindings say); one that may READ a group of the design
// and every topic that group reads becomes that group node's principal. Bindings for everyone (User:*), for
// every name (*) or limited to a host are not a design's and are left out. Planning the result against the same
// cluster then creates nothing the principals lack today except what the derivation always writes out
// (DESCRIBE beside READ and WRITE).

interface Match {
  ok: boolean;
  /** The prefix of the PREFIXED binding that matched, if that is how. */
  prefix: string | null;
}

function matching(bindings: AclBinding[], resourceType: ResourceType, name: string, ops: AclOperation[]): Match {
  let prefix: string | null = null;
  let ok = false;
  for (const b of bindings) {
    if (b.resourceType !== resourceType || !(ops.includes(b.operation) || b.operation === "ALL")) continue;
    if (b.patternType === "LITERAL" && b.resourceName === name) ok = true;
    else if (b.patternType === "PREFIXED" && name.startsWith(b.resourceName)) {
      ok = true;
      if (prefix === null || b.resourceName.length > prefix.length) prefix = b.resourceName;
    }
  }
  return { ok, prefix };
}

function freeId(base: string, used: Set<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60);
  let id = stem;
  for (let i = 2; used.has(id); i++) id = `${stem}-${i}`;
  used.add(id);
  return id;
}

const nameOf = (principal: string) => principal.slice(principal.indexOf(":") + 1);

/** The imported design with the cluster's principals as identities where their bindings match it. */
export function identitiesFromBindings(t: Topology, clusterBindings: readonly AclBinding[]): Topology {
  const usable = clusterBindings.filter((b) => b.permission === "ALLOW" && b.host === WILDCARD && !b.principal.endsWith(":*") && !(b.patternType === "LITERAL" && b.resourceName === WILDCARD));
  const byPrincipal = new Map<string, AclBinding[]>();
  for (const b of usable) byPrincipal.set(b.principal, [...(byPrincipal.get(b.principal) ?? []), b]);
  const principals = [...byPrincipal.keys()].sort();
  const topics = t.nodes.filter((n): n is Extract<DesignNode, { kind: "topic" }> => n.kind === "topic");
  const used = new Set(t.nodes.map((n) => n.id));
  const nodes: DesignNode[] = [...t.nodes];
  const edges = [...t.edges];
  const reads = new Map<string, string[]>();
  for (const e of t.edges) reads.set(e.target, [...(reads.get(e.target) ?? []), e.source]);
  const topicName = new Map(topics.map((n) => [n.id, n.data.name]));

  for (const principal of principals) {
    const mine = byPrincipal.get(principal)!;
    const writes = topics.map((n) => ({ node: n, m: matching(mine, "TOPIC", n.data.name, ["WRITE"]) })).filter((x) => x.m.ok);
    if (writes.length) {
      const tx = mine.find((b) => b.resourceType === "TRANSACTIONAL_ID" && (b.operation === "WRITE" || b.operation === "ALL"));
      const topicPrefix = writes.find((x) => x.m.prefix)?.m.prefix ?? "";
      const access: ApplicationAccess = {
        ...defaultAccess(),
        principal,
        transactional: !!tx,
        transactionalId: tx?.resourceName ?? "",
        idempotent: !!tx || matching(mine, "CLUSTER", "kafka-cluster", ["IDEMPOTENT_WRITE"]).ok,
        usePrefixes: !!topicPrefix || tx?.patternType === "PREFIXED",
        topicPrefix,
      };
      const id = freeId(`producer-${nameOf(principal)}`, used);
      nodes.push({ id, kind: "producer", data: { ...defaultNodeData("producer"), appName: nameOf(principal), access } });
      for (const w of writes) edges.push({ id: freeId(`e-${id}-${w.node.id}`, used), source: id, target: w.node.id });
    }
  }

  // A group takes the first principal (in name order) that may read it and everything it reads.
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind !== "consumerGroup" || n.data.access?.principal || !n.data.groupId) continue;
    const groupTopics = (reads.get(n.id) ?? []).map((id) => topicName.get(id)).filter((x): x is string => !!x);
    for (const principal of principals) {
      const mine = byPrincipal.get(principal)!;
      if (!matching(mine, "GROUP", n.data.groupId, ["READ"]).ok) continue;
      const topicMatches = groupTopics.map((name) => matching(mine, "TOPIC", name, ["READ"]));
      if (!topicMatches.length || !topicMatches.every((m) => m.ok)) continue;
      const topicPrefix = topicMatches.find((m) => m.prefix)?.prefix ?? "";
      nodes[i] = { ...n, data: { ...n.data, access: { ...defaultAccess(), principal, usePrefixes: !!topicPrefix, topicPrefix } } };
      break;
    }
  }
  return { nodes, edges };
}
