import { clusterByIdDef } from "@/server/clusters/cluster-queries";
import { guardedRoute } from "@/server/guard/guarded-route";
import { fetchClusterOverview } from "@/server/kafka/fetch-cluster-overview";

export const dynamic = "force-dynamic";
export const GET = guardedRoute({ ...clusterByIdDef, name: "clusterOverview" }, async (_, { cluster }) => fetchClusterOverview(cluster!));
