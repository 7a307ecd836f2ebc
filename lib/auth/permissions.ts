// What an action needs, and which role on the cluster grants it. Roles are ordered: each holds every
// permission of the roles before it. Checked on the server by server/guard/authorize.ts.

export const PERMISSIONS = [
  "clusters:read", // see clusters, their metadata and overview
  "clusters:manage", // add, edit, remove clusters; test connections
  "topics:write", // create topics, change configs, add partitions
  "messages:read", // browse and search messages, live tail
  "messages:write", // produce messages
  "designs:read", // open designs and their history
  "designs:write", // create, edit, rename, duplicate, delete designs
  "designs:apply", // apply a design's plan to a cluster
  "offsets:write", // reset a consumer group's committed offsets
  "groups:delete", // delete an inactive consumer group (and its committed offsets)
  "alerts:write", // create, change and remove lag alert rules
  "connect:operate", // restart, pause, resume and stop connectors and tasks; reset a stopped connector's offsets
  "connect:write", // create, reconfigure and delete connectors
  "acls:read", // see a cluster's ACL bindings, SCRAM users (names, never secrets) and client quotas
  "acls:write", // create and delete ACL bindings, SCRAM users and their passwords, set client quotas
  "registry:read", // see the cluster's Schema Registry: subjects, versions, schemas, compatibility levels and modes
  "registry:write", // register and delete schemas, change compatibility levels and modes
  "users:manage", // add users, grant roles, change settings (on every cluster)
  "audit:read", // read the audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["viewer", "operator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "viewer: reads metadata, lag and registry schemas",
  operator: "operator: also browses messages, produces, resets offsets, operates connectors, sees ACLs, Kafka users and quotas",
  editor: "editor: also edits designs, plans and alert rules",
  admin: "admin: also applies, changes topics, deletes consumer groups, changes connectors, ACLs, Kafka users and quotas, registers and deletes registry schemas, manages clusters and users",
};

/** The least role that holds each permission. */
export const PERMISSION_ROLE: Record<Permission, Role> = {
  "clusters:read": "viewer",
  "designs:read": "viewer",
  "messages:read": "operator",
  "messages:write": "operator",
  "offsets:write": "operator",
  // Like kafbat's `operate` and AKHQ's UPDATE_STATE, apart from changing what a connector is (`edit`/`create`/`delete`, AKHQ's CREATE and DELETE).
  "connect:operate": "operator",
  "designs:write": "editor",
  "alerts:write": "editor",
  "topics:write": "admin",
  // Its committed offsets go with it: like deleting a topic, an admin's.
  "groups:delete": "admin",
  "connect:write": "admin",
  // Who may do what is for operators to look at when an application is refused (Redpanda Console and kafbat
  // show ACLs beside topics to those who run them; AKHQ's acl/read), not for every viewer: it maps who can
  // reach which data. Changing it is security administration: admin, like changing topics.
  "acls:read": "operator",
  "acls:write": "admin",
  // Schemas are metadata: who reads topics reads their subjects (kafbat's SCHEMA view, AKHQ's schema/read).
  // Registering, deleting and changing a level change what every producer and consumer may send: an admin's,
  // like changing topics (kafbat's create/edit/delete and modify_global_compatibility, AKHQ's schema/create…).
  "registry:read": "viewer",
  "registry:write": "admin",
  "designs:apply": "admin",
  "clusters:manage": "admin",
  "users:manage": "admin",
  "audit:read": "admin",
};

/** A role on one cluster, or on every cluster (clusterId null). */
export interface Grant {
  clusterId: string | null;
  role: Role;
}

export interface Principal {
  id: string;
  name: string;
  /** True for the single local user when sign-in is turned off (AUTH_DISABLED=true): admin everywhere. */
  local: boolean;
  grants: Grant[];
}

const rank = (r: Role) => ROLES.indexOf(r);

/** The principal's role on a cluster: the higher of its grant there and its grant on every cluster. */
export function roleOn(p: Principal, clusterId: string): Role | null {
  if (p.local) return "admin";
  let best: Role | null = null;
  for (const g of p.grants) if ((g.clusterId === null || g.clusterId === clusterId) && (!best || rank(g.role) > rank(best))) best = g.role;
  return best;
}

/**
 * Whether the principal holds a permission on a cluster. Without a cluster: cluster management, users, settings
 * and the audit log need the role on every cluster; anything else (e.g. an unbound design, the cluster list)
 * needs the role on at least one cluster.
 */
export function can(p: Principal, permission: Permission, clusterId: string | null): boolean {
  if (p.local) return true;
  const need = rank(PERMISSION_ROLE[permission]);
  if (clusterId) {
    const r = roleOn(p, clusterId);
    return r !== null && rank(r) >= need;
  }
  const global = permission === "clusters:manage" || permission === "users:manage" || permission === "audit:read";
  return p.grants.some((g) => (!global || g.clusterId === null) && rank(g.role) >= need);
}
