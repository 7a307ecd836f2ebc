import { listConnectSecrets } from "@/server/connect/connect-secrets";
import { connectClustersDef } from "@/server/connect/connect-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** The names of the cluster's Connect secrets (never their values): what designs may refer to as ${secret:name}. */
export const GET = guardedRoute({ ...connectClustersDef, name: "listConnectSecrets" }, async (_, { cluster }) => listConnectSecrets(cluster.id));
