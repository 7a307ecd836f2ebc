import { guardedRoute } from "@/server/guard/guarded-route";
import { subjectDef } from "@/server/registry/registry-page-reads";
import { describeSubject } from "@/server/registry/registry-reads";
import { registryTargetFor } from "@/server/registry/registry-settings";

export const dynamic = "force-dynamic";
/** One subject: versions (soft-deleted ones marked), compatibility level, mode, newest schema and who refers to it. */
export const GET = guardedRoute(subjectDef, async ({ subject }, { cluster }) => describeSubject(await registryTargetFor(cluster.id), subject));
