import { withAccessDrift } from "@/lib/acls/access-drift";
import { connectorDriftByNode } from "@/lib/plan/connector-drift";
import { withContractDrift } from "@/lib/plan/contract-drift";
import { driftByNode } from "@/lib/plan/drift";
import { guardedRoute } from "@/server/guard/guarded-route";
import { planWithClusterState } from "@/server/plan/compute-plan";
import { driftDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(driftDef, async ({ id }) => {
  const { view, topology, state } = await planWithClusterState(id);
  return {
    clusterName: view.clusterName,
    checkedAt: view.checkedAt,
    designVersion: view.designVersion,
    nodes: { ...withContractDrift(withAccessDrift(driftByNode(view.plan, view.groups, { design: topology, live: state.topics }), view.plan.access), view.plan), ...connectorDriftByNode(view.plan) },
  };
});
