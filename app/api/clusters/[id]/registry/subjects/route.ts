import { guardedRoute } from "@/server/guard/guarded-route";
import { subjectsDef } from "@/server/registry/registry-page-reads";
import { listSubjects } from "@/server/registry/registry-reads";
import { registryTargetFor } from "@/server/registry/registry-settings";

export const dynamic = "force-dynamic";
/** Subjects matching a search, a page at a time, each with its latest version, schema type and compatibility level. */
export const GET = guardedRoute(subjectsDef, async ({ search, deleted, offset, limit }, { cluster }) => listSubjects(await registryTargetFor(cluster.id), { search, deleted, offset, limit }));
