import { topicRouteInputSchema } from "@/lib/topics/topic-detail-schema";
import { guardedRoute } from "@/server/guard/guarded-route";
import { listTopicConsumerGroups } from "@/server/topics/list-topic-consumer-groups";

export const dynamic = "force-dynamic";

/** The consumer groups with committed offsets on the topic, and their lag per partition. */
export const GET = guardedRoute(
  { name: "topicConsumerGroups", input: topicRouteInputSchema, permission: "clusters:read", clusterId: (i) => i.id },
  ({ topic }, { cluster }) => listTopicConsumerGroups(cluster, topic),
);
