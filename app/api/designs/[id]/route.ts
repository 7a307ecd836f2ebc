import { designByIdDef } from "@/server/designs/design-page-reads";
import { getDesign } from "@/server/designs/manage-design";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(designByIdDef, ({ id }) => getDesign(id));
