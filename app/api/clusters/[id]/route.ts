import { clusterByIdDef } from "@/server/clusters/cluster-page-reads";
import { toClusterView } from "@/server/clusters/cluster-view";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(clusterByIdDef, async (_, { cluster }) => toClusterView(cluster));
