import { connectTargetFor } from "@/server/connect/connect-clusters";
import { connectorDef } from "@/server/connect/connect-page-reads";
import { describeConnector } from "@/server/connect/describe-connector";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** One connector: state and trace, tasks with worker and trace, masked config, topics, offsets. */
export const GET = guardedRoute(connectorDef, async ({ connectId, name }, { cluster }) => describeConnector(await connectTargetFor(cluster.id, connectId), name));
