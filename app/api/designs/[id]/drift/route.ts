import { driftByNode } from "@/lib/plan/drift";
import { guardedRoute } from "@/server/guard/guarded-route";
import { computePlan } from "@/server/plan/compute-plan";
import { driftDef } from "@/server/plan/plan-queries";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(driftDef, async ({ id }) => {
  const view = await computePlan(id);
  return { clusterName: view.clusterName, checkedAt: view.checkedAt, designVersion: view.designVersion, nodes: driftByNode(view.plan, view.groups) };
});
