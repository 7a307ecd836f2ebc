import { groupListInputSchema } from "@/lib/groups/group-schemas";
import { guardedRoute } from "@/server/guard/guarded-route";
import { listConsumerGroups } from "@/server/groups/list-consumer-groups";

export const dynamic = "force-dynamic";

/** Consumer groups with state, members, topics, lag and status: searched, filtered, sorted and paged here. */
export const GET = guardedRoute({ name: "listConsumerGroups", input: groupListInputSchema, permission: "clusters:read", clusterId: (i) => i.id }, (i, { cluster }) =>
  listConsumerGroups(cluster, { q: i.q, statuses: i.status, sort: i.sort, desc: i.desc === "true", page: i.page, pageSize: i.pageSize }),
);
