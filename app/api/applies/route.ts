import { guardedRoute } from "@/server/guard/guarded-route";
import { listApplyRuns } from "@/server/plan/apply-runs";
import { applyRunsDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(applyRunsDef, (input, { principal }) => listApplyRuns(input, principal));
