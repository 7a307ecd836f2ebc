import type { Topology } from "../designs/design-schema";
import { validateDesign } from "../designs/validate-design";
import { isInternalTopic } from "../clusters/cluster-overview";
import { topicConfigSpec } from "../topics/topic-configs";
import { collidingTopic, topicCollisionMessage } from "../topics/topic-name";
import { stableHash } from "./stable-hash";
import type { Change, ClusterState, LiveTopic, Plan, TopicPlan } from "./plan-types";

export interface PlanOptions {
  /** The name each node was last applied as on this cluster (node id → topic name), to recognise renames. */
  appliedNames?: Record<string, string>;
}

/** Config values compare after normalising: trimmed, and list values (cleanup.policy) in a fixed order. */
export function normalizeConfigValue(key: string, value: string): string {
  const v = value.trim();
  if (topicConfigSpec(key)?.type.kind === "list") {
    return v
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .sort()
      .join(",");
  }
  return v;
}

function configChanges(topic: string, desired: Record<string, string>, live: Record<string, string>): Change[] {
  const out: Change[] = [];
  for (const key of Object.keys(desired).sort()) {
    const after = desired[key].trim();
    const before = key in live ? live[key] : null;
    if (before === null || normalizeConfigValue(key, before) !== normalizeConfigValue(key, after)) {
      out.push({ kind: "setConfig", topic, key, before, after });
    }
  }
  for (const key of Object.keys(live).sort()) {
    if (!(key in desired)) out.push({ kind: "removeConfig", topic, key, before: live[key] });
  }
  return out;
}

const ORDER: Record<Change["kind"], number> = { createTopic: 0, addPartitions: 1, setConfig: 2, removeConfig: 2, deleteTopic: 3, createAcl: 4, setQuota: 4, deleteAcl: 4, deleteConnector: 5, createConnector: 6, updateConnector: 6, registerSchema: 5 };

/**
 * What applying `design` to a cluster in `state` would change. Pure: the same inputs give the same plan and
 * hash. Never plans a partition decrease, a replication-factor change or a rename (refused with a reason),
 * never touches topics the design does not describe, and deletes only topics marked "delete on apply".
 */
export function planDesign(design: Topology, state: ClusterState, opts: PlanOptions = {}): Plan {
  const live = new Map<string, LiveTopic>(state.topics.map((t) => [t.name, t]));
  const errors = validateDesign(design, { brokerCount: state.brokerCount }).filter((p) => p.severity === "error");
  const blockingErrors = errors.map((p) => p.message);
  const nodeErrors = new Map<string, string[]>();
  for (const e of errors) if (e.nodeId) nodeErrors.set(e.nodeId, [...(nodeErrors.get(e.nodeId) ?? []), e.message]);
  const topics: TopicPlan[] = [];
  const described = new Set<string>();

  for (const node of design.nodes) {
    if (node.kind !== "topic") continue;
    const d = node.data;
    const name = d.name;
    described.add(name);
    const plan: TopicPlan = { nodeId: node.id, topic: name, status: "in-sync", changes: [], refusals: [], warnings: [] };
    topics.push(plan);
    const current = live.get(name);
    if (nodeErrors.has(node.id)) {
      // An invalid topic (bad name, duplicate, bad config) is not planned at all.
      plan.status = "invalid";
      plan.refusals.push(...nodeErrors.get(node.id)!);
      continue;
    }

    const previous = opts.appliedNames?.[node.id];
    if (previous && previous !== name && live.has(previous) && !current) {
      plan.status = "refused";
      plan.refusals.push(`Renamed from "${previous}": Kafka cannot rename a topic. Create a new topic node instead (and mark the old one for deletion if you mean it).`);
      continue;
    }

    if (d.deleteOnApply) {
      if (current) {
        plan.status = "delete";
        plan.changes.push({ kind: "deleteTopic", topic: name });
      } else plan.warnings.push("Marked for deletion, and does not exist in the cluster: nothing to do");
      continue;
    }

    if (!current) {
      // Refused here, before anything is applied, rather than half-way through by Kafka.
      const collision = collidingTopic(name, live.keys());
      if (collision) {
        plan.status = "refused";
        plan.refusals.push(`${topicCollisionMessage(name, collision)} (which already exists in the cluster)`);
        continue;
      }
      if (d.replicationFactor > state.brokerCount) {
        plan.status = "refused";
        plan.refusals.push(`Replication factor ${d.replicationFactor} needs at least ${d.replicationFactor} brokers; the cluster has ${state.brokerCount}`);
        continue;
      }
      plan.status = "create";
      plan.changes.push({ kind: "createTopic", topic: name, partitions: d.partitions, replicationFactor: d.replicationFactor, configs: { ...d.configs } });
      continue;
    }

    if (d.partitions < current.partitions) {
      plan.refusals.push(`Partitions ${current.partitions} → ${d.partitions}: Kafka cannot remove partitions without deleting the topic and its data`);
    } else if (d.partitions > current.partitions) {
      plan.changes.push({ kind: "addPartitions", topic: name, from: current.partitions, to: d.partitions });
      if (Object.values(current.configs).includes("compact") || (d.configs["cleanup.policy"] ?? "").includes("compact")) {
        plan.warnings.push("Adding partitions to a keyed (compacted) topic moves keys to other partitions: per-key ordering breaks across the change");
      }
    }
    if (d.replicationFactor !== current.replicationFactor) {
      plan.refusals.push(`Replication factor ${current.replicationFactor} → ${d.replicationFactor} needs reassignment (kafka-reassign-partitions); not done by apply`);
    }
    plan.changes.push(...configChanges(name, d.configs, current.configs));
    plan.status = plan.changes.length ? "update" : plan.refusals.length ? "refused" : "in-sync";
  }

  const unmanaged = state.topics
    .map((t) => t.name)
    .filter((n) => !described.has(n) && !isInternalTopic(n))
    .sort();
  const changes = topics.flatMap((t) => t.changes).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const deletions = changes.filter((c) => c.kind === "deleteTopic").map((c) => c.topic);
  const hash = stableHash({
    topics: design.nodes.filter((n) => n.kind === "topic").map((n) => [n.id, n.data]),
    live: [...state.topics].sort((a, b) => a.name.localeCompare(b.name)),
    brokers: state.brokerCount,
    applied: opts.appliedNames ?? {},
  });
  return { topics, unmanaged, changes, deletions, blockingErrors, hash };
}
