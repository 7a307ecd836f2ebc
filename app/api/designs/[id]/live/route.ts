import { guardedRoute } from "@/server/guard/guarded-route";
import { designLiveLag } from "@/server/groups/design-live-lag";
import { driftDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";

/** Live lag on the canvas: guarded like drift (designs:read on the design's bound cluster). */
export const GET = guardedRoute({ ...driftDef, name: "designLiveLag" }, ({ id }, { cluster }) => designLiveLag(id, cluster));
