import "server-only";
import type { Topology } from "@/lib/designs/design-schema";
import { withAccessPlan } from "@/lib/acls/plan-access";
import type { ClusterState, PlanView } from "@/lib/plan/plan-types";
import { planDesign } from "@/lib/plan/plan-design";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { findDesign, parseTopology } from "@/server/designs/design-records";
import { adminFor } from "@/server/kafka/client-registry";
import { readClusterState } from "@/server/plan/read-cluster-state";
import { planDesignAccess } from "@/server/plan/plan-acls";
import { withConnectorPlan } from "@/lib/plan/connector-plan";
import { planDesignConnectors, type ConnectorPlanning } from "@/server/plan/plan-connectors";
import { withContractPlan } from "@/lib/plan/contract-plan";
import { planDesignContracts, type ContractPlanning } from "@/server/plan/plan-contracts";
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
  return (await planWithClusterState(designId)).view;
}

/** computePlan's plan with what it was computed from: the design's topology and the cluster's state (drift). */
export async function planWithClusterState(
  designId: string,
): Promise<{ view: PlanView; topology: Topology; state: ClusterState; connectors: ConnectorPlanning | null; contracts: ContractPlanning | null }> {
  const { design, cluster } = await boundCluster(designId);
  const topology = parseTopology(design.topology);
  const groupNodes = topology.nodes.flatMap((n) =>
    n.kind === "consumerGroup" ? [{ nodeId: n.id, groupId: n.data.groupId }] : n.kind === "processor" && n.data.groupId ? [{ nodeId: n.id, groupId: n.data.groupId }] : [],
  );
  const state = await withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      return readClusterState(admin, { groupIds: groupNodes.map((g) => g.groupId).filter(Boolean) });
    })(),
    kafkaRequestTimeoutMs() * 2,
    "reading the cluster",
  );
  // Bindings and quotas of the design's identities (issue 13): never fails the topics' plan.
  const access = await planDesignAccess(design.id, cluster, topology, await adminFor(cluster));
  // Connectors on the bound cluster's Kafka Connect clusters (issue 14): their refusals block the apply.
  const connectors = await planDesignConnectors(cluster, topology, state.brokerCount);
  // Contracts on the bound cluster's Schema Registry (issue 19): incompatible ones block the apply.
  const contracts = await planDesignContracts(cluster, topology, state.brokerCount);
  const plan = withConnectorPlan(withContractPlan(withAccessPlan(planDesign(topology, state, { appliedNames: await appliedNames(design.id, cluster.id) }), access), contracts?.part ?? null), connectors?.part ?? null);
  const groupState = new Map((state.groups ?? []).map((g) => [g.groupId, g.state]));
  const view: PlanView = {
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
  return { view, topology, state, connectors, contracts };
}
