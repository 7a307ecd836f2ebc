import { designByIdDef } from "@/server/designs/design-page-reads";
import { designHead } from "@/server/designs/design-head";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** The design's newest saved version, polled by an open designer (saves made in another tab or through another instance). */
export const GET = guardedRoute({ ...designByIdDef, name: "designHead" }, ({ id }) => designHead(id));
