"use server";
import { applyPlanInputSchema, importFromClusterInputSchema } from "@/lib/plan/plan-inputs";
import { guardedAction } from "@/server/guard/guarded-action";
import { applyPlan, type ApplyOutcome } from "@/server/plan/apply-plan";
import { importFromCluster } from "@/server/plan/import-from-cluster";

export const applyPlanAction = guardedAction(
  {
    name: "applyPlan",
    input: applyPlanInputSchema,
    permission: "designs:apply",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "design.apply",
      target: (i) => i.designId,
      // An apply reports failed steps in its result: a partial or failed run is audited as failed.
      outcome: (run: ApplyOutcome) =>
        run.status === "failed" || run.status === "partial"
          ? { outcome: "failed", detail: `${run.status} (run ${run.runId})${run.error ? `: ${run.error}` : ""}` }
          : { outcome: "succeeded", detail: `${run.status} (run ${run.runId})` },
    },
  },
  (input, { cluster, principal }) => applyPlan(input, cluster, principal),
);

export const importFromClusterAction = guardedAction(
  {
    name: "importFromCluster",
    input: importFromClusterInputSchema,
    permission: "designs:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "design.import-cluster", target: (i) => i.name },
  },
  (input, { cluster, principal }) => importFromCluster(input, cluster, principal),
);
