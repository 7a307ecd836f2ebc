import { designConformance, designConformanceDef } from "@/server/contracts/design-conformance";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/** Conformance of the design's topics to their contracts; `?fresh=true` samples again (Check now). */
export const GET = guardedRoute(designConformanceDef, ({ id, fresh }, { cluster }) => designConformance(id, cluster, { fresh }));
