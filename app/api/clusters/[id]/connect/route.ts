import { fetchConnectClusterStatuses } from "@/server/connect/connect-cluster-status";
import { connectClustersDef } from "@/server/connect/connect-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** The cluster's Connect clusters, each with its version, commit and plugins, or why it did not answer. */
export const GET = guardedRoute(connectClustersDef, async (_, { cluster }) => fetchConnectClusterStatuses(cluster));
