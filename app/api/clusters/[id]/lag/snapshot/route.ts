import { clusterByIdDef } from "@/server/clusters/cluster-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";
import { fetchLagSnapshot } from "@/server/groups/fetch-lag-snapshot";

export const dynamic = "force-dynamic";
/** A fresh, full lag snapshot (every group and partition), taken by the sampler's own function. */
export const GET = guardedRoute({ ...clusterByIdDef, name: "lagSnapshot" }, async (_, { cluster }) => fetchLagSnapshot(cluster));
