import { guardedRoute } from "@/server/guard/guarded-route";
import { computePlan } from "@/server/plan/compute-plan";
import { planDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(planDef, ({ id }) => computePlan(id));
