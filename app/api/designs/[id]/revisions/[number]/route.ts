import { revisionDef } from "@/server/designs/design-page-reads";
import { getRevision } from "@/server/designs/revisions";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(revisionDef, ({ id, number }) => getRevision(id, number));
