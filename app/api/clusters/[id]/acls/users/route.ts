import { clusterRouteInputSchema } from "@/lib/acls/acl-views";
import { listScramUsers } from "@/server/acls/list-scram-users";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/** The principals with SCRAM credentials (names, mechanisms and iterations; never a secret). */
export const GET = guardedRoute(
  { name: "listScramUsers", input: clusterRouteInputSchema, permission: "acls:read", clusterId: (i) => i.id },
  (_input, { cluster }) => listScramUsers(cluster),
);
