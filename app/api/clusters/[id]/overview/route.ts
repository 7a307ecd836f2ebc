import { clusterByIdDef } from "@/server/clusters/cluster-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";
import { fetchClusterOverview } from "@/server/clusters/fetch-cluster-overview";

export const dynamic = "force-dynamic";
export const GET = guardedRoute({ ...clusterByIdDef, name: "clusterOverview" }, async (_, { cluster }) => fetchClusterOverview(cluster));
