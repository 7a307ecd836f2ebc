import { guardedRoute } from "@/server/guard/guarded-route";
import { versionDef } from "@/server/registry/registry-page-reads";
import { getVersion } from "@/server/registry/registry-reads";
import { registryTargetFor } from "@/server/registry/registry-settings";

export const dynamic = "force-dynamic";
/** One version of a subject: its schema text, id, type and references (soft-deleted versions too). */
export const GET = guardedRoute(versionDef, async ({ subject, version }, { cluster }) => getVersion(await registryTargetFor(cluster.id), subject, version));
