import { listClustersDef } from "@/server/clusters/cluster-page-reads";
import { listClusters } from "@/server/clusters/list-clusters";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(listClustersDef, (_, { principal }) => listClusters(principal));
