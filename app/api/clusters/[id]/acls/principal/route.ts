import { principalRouteInputSchema } from "@/lib/acls/acl-views";
import { principalAccessView } from "@/server/acls/principal-access";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/**
 * What a principal (?principal=User:alice, a query parameter: principals may hold characters a path segment
 * would escape) may do: its bindings and User:*'s, their effect per resource, its SCRAM credentials and quotas.
 */
export const GET = guardedRoute(
  { name: "principalAccess", input: principalRouteInputSchema, permission: "acls:read", clusterId: (i) => i.id },
  ({ principal }, { cluster }) => principalAccessView(cluster, principal),
);
