import { topicRouteInputSchema } from "@/lib/topics/topic-detail-schema";
import { guardedRoute } from "@/server/guard/guarded-route";
import { describeTopic } from "@/server/topics/describe-topic";

export const dynamic = "force-dynamic";

/** One topic: partitions with offsets, and configuration with overrides and defaults. */
export const GET = guardedRoute(
  { name: "describeTopic", input: topicRouteInputSchema, permission: "clusters:read", clusterId: (i) => i.id },
  ({ topic }, { cluster }) => describeTopic(cluster, topic),
);
