import { listConnectorPlugins } from "@/server/connect/connect-cluster-status";
import { connectTargetFor } from "@/server/connect/connect-clusters";
import { connectDef } from "@/server/connect/connect-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** The connector plugins installed on the Connect cluster's workers. */
export const GET = guardedRoute({ ...connectDef, name: "listConnectorPlugins" }, async ({ connectId }, { cluster }) => listConnectorPlugins(await connectTargetFor(cluster.id, connectId)));
