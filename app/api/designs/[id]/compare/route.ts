import { compareDef } from "@/server/designs/design-page-reads";
import { compareRevisions } from "@/server/designs/revisions";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(compareDef, ({ id, from, to }) => compareRevisions(id, from, to));
