import "server-only";
import type { PlanView } from "@/lib/plan/plan-types";
import { planDesign } from "@/lib/plan/plan-design";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { findDesign, parseTopology } from "@/server/designs/design-records";
import { getAdmin } from "@/server/kafka/client-registry";
import { readClusterState } from "@/server/kafka/read-cluster-state";
import { withTimeout } from "@/server/kafka/with-timeout";


/** The design's bound cluster, or a clear error when it has none. */
export async function boundCluster(designId: string): Promise<{ design: Awaited<ReturnType<typeof findDesign>>; cluster: Cluster }> {
  const design = await findDesign(designId);
  if (!design.clusterId) throw new AppError("VALIDATION", { userMessage: "Bind the design to a cluster first (the Cluster menu in the designer)." });
  const cluster = await prisma.cluster.findUnique({ where: { id: design.clusterId } });
  if (!cluster) throw new AppError("NOT_FOUND", { userMessage: "The design's cluster no longer exists. Bind it to another cluster." });
  return { design, cluster };
}

export async function appliedNames(designId: string, clusterId: string): Promise<Record<string, string>> {
  const rows = await prisma.appliedTopic.findMany({ where: { designId, clusterId } });
  return Object.fromEntries(rows.map((r) => [r.nodeId, r.topicName]));
}

/** Reads the live cluster and plans the design's current revision against it. */
export async function computePlan(designId: string): Promise<PlanView> {
  const { design, cluster } = await boundCluster(designId);
  const topology = parseTopology(design.topology);
  const groupNodes = topology.nodes.flatMap((n) =>
    n.kind === "consumerGroup" ? [{ nodeId: n.id, groupId: n.data.groupId }] : n.kind === "processor" && n.data.groupId ? [{ nodeId: n.id, groupId: n.data.groupId }] : [],
  );
  const state = await withTimeout(
    (async () => {
      const admin = await getAdmin(cluster.id, toConnection(cluster));
      return readClusterState(admin, { groupIds: groupNodes.map((g) => g.groupId).filter(Boolean) });
    })(),
    kafkaRequestTimeoutMs() * 2,
    "reading the cluster",
  );
  const plan = planDesign(topology, state, { appliedNames: await appliedNames(design.id, cluster.id) });
  const groupState = new Map((state.groups ?? []).map((g) => [g.groupId, g.state]));
  return {
    designId: design.id,
    designName: design.name,
    designVersion: design.version,
    clusterId: cluster.id,
    clusterName: cluster.name,
    readOnly: cluster.readOnly,
    plan,
    groups: groupNodes.map((g) => ({ ...g, exists: groupState.has(g.groupId), state: groupState.get(g.groupId) ?? null })),
    checkedAt: new Date().toISOString(),
  };
}
