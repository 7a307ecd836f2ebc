import { accessOf, applicationTopics, clientIdOf, DESIGN_QUOTA_KEYS, isApplicationNode, principalError, quotaUserOf, type ApplicationNode } from "../designs/design-identities";
import type { Topology } from "../designs/design-schema";
import { topicNameError } from "../topics/topic-name";
import { bindingKey, compareBindings, type AclBinding } from "./acl-model";
import type { QuotaEntity, QuotaKey } from "./client-quotas";
import { leastBindings, type AccessNeed, type NameRef } from "./derive-bindings";

// From a design to what its applications need (issue 13, item 4): each producer, consumer group and processor
// with a principal becomes an AccessNeed (derive-bindings.ts turns needs into the least bindings), with the
// topics of its edges. Topics marked for deletion or not yet validly named are left out (no binding for a topic
// that will not exist). Prefixes only where the node says "use prefix bindings".

export interface NodeNeed {
  nodeId: string;
  need: AccessNeed;
}

/** One binding the design needs, and the nodes that need it. */
export interface DesignBinding {
  binding: AclBinding;
  nodeIds: string[];
}

/** One client quota the design sets, and the node that sets it. */
export interface DesignQuotaEntry {
  entity: QuotaEntity;
  values: Partial<Record<QuotaKey, number>>;
  nodeIds: string[];
}

function topicRefs(ids: string[], names: Map<string, string>, prefix: string | null): NameRef[] {
  // Topics under the prefix share one prefixed reference.
  const refs = new Map<string, NameRef>();
  for (const id of ids) {
    const name = names.get(id);
    if (!name) continue;
    const ref: NameRef = prefix && name.startsWith(prefix) ? { name: prefix, pattern: "PREFIXED" } : { name };
    refs.set(`${ref.pattern ?? "LITERAL"}:${ref.name}`, ref);
  }
  return [...refs.values()];
}

function nodeNeed(n: ApplicationNode, topics: { inputs: string[]; outputs: string[] }, names: Map<string, string>): AccessNeed | null {
  const a = accessOf(n);
  const principal = a.principal.trim();
  if (!principal || principalError(principal)) return null;
  const prefix = a.usePrefixes && a.topicPrefix && a.topicPrefix !== "*" ? a.topicPrefix : null;
  const inputs = topicRefs(topics.inputs, names, prefix);
  const outputs = topicRefs(topics.outputs, names, prefix);
  const transactionalId = a.transactional && a.transactionalId.trim() ? { name: a.transactionalId.trim(), pattern: a.usePrefixes ? ("PREFIXED" as const) : ("LITERAL" as const) } : null;
  switch (n.kind) {
    case "producer":
      return outputs.length ? { kind: "producer", principal, topics: outputs, transactionalId, idempotent: a.idempotent } : null;
    case "consumerGroup": {
      const group = n.data.groupId.trim();
      return group && inputs.length ? { kind: "consumerGroup", principal, group: { name: group }, topics: inputs } : null;
    }
    case "processor": {
      const group = n.data.groupId.trim();
      if (group && inputs.length) return { kind: "processor", principal, group: { name: group }, inputs, outputs, transactionalId, idempotent: a.idempotent };
      return outputs.length ? { kind: "producer", principal, topics: outputs, transactionalId, idempotent: a.idempotent } : null;
    }
  }
}

/** What each application of the design needs, in node order. */
export function designAccessNeeds(t: Topology): NodeNeed[] {
  const names = new Map(t.nodes.flatMap((n) => (n.kind === "topic" && !n.data.deleteOnApply && !topicNameError(n.data.name) ? [[n.id, n.data.name] as const] : [])));
  const edges = applicationTopics(t);
  const out: NodeNeed[] = [];
  for (const n of t.nodes) {
    if (!isApplicationNode(n) || !n.data.access) continue;
    const need = nodeNeed(n, edges.get(n.id) ?? { inputs: [], outputs: [] }, names);
    if (need) out.push({ nodeId: n.id, need });
  }
  return out;
}

/** Every binding the design needs, once, sorted for display, with the nodes that need it. */
export function designBindings(t: Topology): DesignBinding[] {
  const byKey = new Map<string, DesignBinding>();
  for (const { nodeId, need } of designAccessNeeds(t)) {
    for (const binding of leastBindings(need)) {
      const key = bindingKey(binding);
      const entry = byKey.get(key) ?? byKey.set(key, { binding, nodeIds: [] }).get(key)!;
      if (!entry.nodeIds.includes(nodeId)) entry.nodeIds.push(nodeId);
    }
  }
  return [...byKey.values()].sort((a, b) => compareBindings(a.binding, b.binding));
}

/** The bindings one node needs (the properties panel's preview). */
export function nodeBindings(t: Topology, nodeId: string): AclBinding[] {
  const need = designAccessNeeds(t).find((x) => x.nodeId === nodeId)?.need;
  return need ? leastBindings(need) : [];
}

/** Every client quota the design sets: entity and the keys set. Nodes whose quota cannot name its entity are left out (validation says why). */
export function designQuotas(t: Topology): DesignQuotaEntry[] {
  const out = new Map<string, DesignQuotaEntry>();
  for (const n of t.nodes) {
    if (!isApplicationNode(n) || !n.data.access?.quota) continue;
    const q = n.data.access.quota;
    const user = quotaUserOf(n.data.access.principal);
    const clientId = clientIdOf(n);
    if ((q.subject !== "client-id" && !user) || (q.subject !== "user" && !clientId)) continue;
    const entity: QuotaEntity = [...(q.subject !== "client-id" ? [{ type: "user" as const, name: user }] : []), ...(q.subject !== "user" ? [{ type: "client-id" as const, name: clientId }] : [])];
    const values: Partial<Record<QuotaKey, number>> = {};
    for (const k of DESIGN_QUOTA_KEYS) if (q[k] !== null && q[k]! > 0) values[k] = q[k]!;
    if (!Object.keys(values).length) continue;
    const key = JSON.stringify(entity);
    const entry = out.get(key);
    if (entry) entry.nodeIds.push(n.id);
    else out.set(key, { entity, values, nodeIds: [n.id] });
  }
  return [...out.values()];
}
