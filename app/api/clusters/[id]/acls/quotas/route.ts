import { clusterRouteInputSchema } from "@/lib/acls/acl-views";
import { listClientQuotas } from "@/server/acls/list-client-quotas";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/** Every user and client-id quota on the cluster. */
export const GET = guardedRoute(
  { name: "listClientQuotas", input: clusterRouteInputSchema, permission: "acls:read", clusterId: (i) => i.id },
  (_input, { cluster }) => listClientQuotas(cluster),
);
