import { guardedRoute } from "@/server/guard/guarded-route";
import { getApplyRun } from "@/server/plan/apply-runs";
import { applyRunDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(applyRunDef, ({ id }, { principal }) => getApplyRun(id, principal));
