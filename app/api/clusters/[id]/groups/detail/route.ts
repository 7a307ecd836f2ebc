import { groupDetailInputSchema } from "@/lib/groups/group-schemas";
import { guardedRoute } from "@/server/guard/guarded-route";
import { describeConsumerGroup } from "@/server/groups/describe-group";

export const dynamic = "force-dynamic";

/** One group (`?group=`): members, per-partition offsets, lag and status, and a catch-up estimate. */
export const GET = guardedRoute({ name: "describeConsumerGroup", input: groupDetailInputSchema, permission: "clusters:read", clusterId: (i) => i.id }, (i, { cluster }) =>
  describeConsumerGroup(cluster, i.group),
);
