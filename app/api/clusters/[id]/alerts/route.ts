import { listAlerts } from "@/server/alerts/list-alerts";
import { clusterByIdDef } from "@/server/clusters/cluster-page-reads";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
/** The cluster's alert rules (webhook shown by origin only) and its recent events with their deliveries. */
export const GET = guardedRoute({ ...clusterByIdDef, name: "listAlerts" }, async (_, { cluster }) => listAlerts(cluster));
