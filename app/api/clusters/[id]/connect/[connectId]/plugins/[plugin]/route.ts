import { connectTargetFor } from "@/server/connect/connect-clusters";
import { pluginDef } from "@/server/connect/connect-page-reads";
import { pluginConfigDefinition } from "@/server/connect/save-connector";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** A plugin's config definition (groups, types, defaults, docs, required), as Connect's validation gives it. */
export const GET = guardedRoute(pluginDef, async ({ connectId, plugin }, { cluster }) => pluginConfigDefinition(await connectTargetFor(cluster.id, connectId), plugin));
