import { revisionsDef } from "@/server/designs/design-page-reads";
import { listRevisions } from "@/server/designs/revisions";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(revisionsDef, ({ id }) => listRevisions(id));
