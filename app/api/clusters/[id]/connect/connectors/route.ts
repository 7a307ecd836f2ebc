import { connectClustersDef } from "@/server/connect/connect-page-reads";
import { listConnectors } from "@/server/connect/list-connectors";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** Every connector of every Connect cluster of the cluster: type, class, state, task counts, topics. */
export const GET = guardedRoute({ ...connectClustersDef, name: "listConnectors" }, async (_, { cluster }) => listConnectors(cluster.id));
