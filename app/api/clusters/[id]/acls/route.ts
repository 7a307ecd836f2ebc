import { aclListInputSchema, type AclBindingsPage } from "@/lib/acls/acl-views";
import { filterBindings } from "@/lib/acls/match-bindings";
import { listAclBindings } from "@/server/acls/list-acl-bindings";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/** The cluster's ACL bindings, filtered by the query (principal, resource type and name, operation, permission, host). */
export const GET = guardedRoute(
  { name: "listAcls", input: aclListInputSchema, permission: "acls:read", clusterId: (i) => i.id },
  async ({ id: _id, ...filter }, { cluster }): Promise<AclBindingsPage> => {
    const acls = await listAclBindings(cluster);
    return { enabled: acls.enabled, authorizer: acls.authorizer, total: acls.bindings.length, bindings: filterBindings(acls.bindings, filter), unreadable: acls.unreadable };
  },
);
