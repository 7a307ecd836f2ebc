// What an action needs. Roles (viewer, operator, editor, admin) map onto these in the sign-in issue;
// until then every caller is the single local user, who may do everything.

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
  "alerts:write", // create, change and remove lag alert rules
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Principal {
  id: string;
  name: string;
  /** True for the single local user while sign-in does not exist. */
  local: boolean;
}
