import "server-only";
import { compileUserPattern } from "@/lib/text/user-pattern";
import { mapLimit } from "@/lib/async/map-limit";
import { AssignerProtocol, type Admin } from "kafkajs";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { isInternalTopic } from "@/lib/clusters/cluster-overview";
import { defaultNodeData, type DesignNode, type Topology } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import { AppError } from "@/lib/errors/app-error";
import type { importFromClusterInputSchema } from "@/lib/plan/plan-inputs";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { createDesign } from "@/server/designs/create-design";
import { adminFor } from "@/server/kafka/client-registry";
import { readTopics } from "@/server/plan/read-cluster-state";
import { withClusterConnectors } from "@/server/plan/import-connectors";
import { withClusterIdentities } from "@/server/plan/import-identities";
import { withTimeout } from "@/server/kafka/with-timeout";

const MAX_TOPICS = 2000;
const GROUP_CONCURRENCY = 8;

function nodeId(prefix: string, name: string, used: Set<string>): string {
  const base = `${prefix}-${name.replace(/[^A-Za-z0-9_-]+/g, "_")}`.slice(0, 60);
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/** Topics each group reads: from its committed offsets and from its members' current assignments. */
async function groupTopics(admin: Admin, groupId: string, member: { memberAssignment: Buffer }[]): Promise<Set<string>> {
  const topics = new Set<string>();
  for (const m of member) {
    try {
      const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      for (const t of Object.keys(a?.assignment ?? {})) topics.add(t);
    } catch {
      // Not a consumer-protocol assignment (e.g. Connect): the offsets still tell.
    }
  }
  const offsets = await admin.fetchOffsets({ groupId });
  for (const t of offsets) if (t.partitions.some((p) => Number(p.offset) >= 0)) topics.add(t.topic);
  return topics;
}

/**
 * A new design describing a live cluster: its topics (internal ones excluded, filtered by prefix and/or
 * regex) with partitions, replication factor and config overrides, and its consumer groups with the topics
 * each reads. Planning it against the same cluster gives an empty plan.
 */
export async function importFromCluster(input: z.output<typeof importFromClusterInputSchema>, cluster: Cluster, principal: Principal): Promise<DesignView> {
  const re = input.regex ? compileUserPattern(input.regex) : null;
  const topology = await withTimeout(
    (async (): Promise<Topology> => {
      const admin = await adminFor(cluster);
      const names = (await admin.listTopics()).filter((n) => !isInternalTopic(n) && n.startsWith(input.prefix) && (!re || re.test(n))).sort();
      if (names.length > MAX_TOPICS) {
        throw new AppError("VALIDATION", { userMessage: `${names.length} topics match; narrow the filter to at most ${MAX_TOPICS}.` });
      }
      const topics = await readTopics(admin, names);
      const used = new Set<string>();
      const nodes: DesignNode[] = [];
      const topicIds = new Map<string, string>();
      for (const t of topics) {
        const id = nodeId("topic", t.name, used);
        topicIds.set(t.name, id);
        nodes.push({ id, kind: "topic", data: { ...defaultNodeData("topic"), name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, configs: t.configs } });
      }
      const edges: Topology["edges"] = [];
      if (input.includeGroups) {
        const groups = (await admin.listGroups()).groups.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId).sort();
        const described = groups.length ? (await admin.describeGroups(groups)).groups : [];
        const reads = await mapLimit(described, GROUP_CONCURRENCY, (g) => groupTopics(admin, g.groupId, g.members));
        described.forEach((g, i) => {
          const read = [...reads[i]].filter((t) => topicIds.has(t)).sort();
          if (!read.length) return;
          const id = nodeId("group", g.groupId, used);
          nodes.push({ id, kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: g.groupId } });
          for (const t of read) edges.push({ id: `e${edges.length + 1}`, source: topicIds.get(t)!, target: id });
        });
      }
      return { nodes, edges };
    })(),
    kafkaRequestTimeoutMs() * 3,
    "reading the cluster",
  );
  // Its connectors (issue 14): secrets become references, never copied.
  const withConnectors = input.includeConnectors ? await withClusterConnectors(cluster, topology, !input.prefix && !input.regex) : topology;
  // Its principals (issue 13): producers and groups' identities from the bindings that match them.
  const withIdentities = input.includePrincipals ? await withClusterIdentities(cluster, withConnectors) : withConnectors;
  return createDesign({ name: input.name, from: { kind: "topology", topology: withIdentities }, clusterId: cluster.id }, principal, `Imported from cluster "${cluster.name}"`);
}
