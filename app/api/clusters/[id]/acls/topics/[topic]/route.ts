import { topicRouteInputSchema } from "@/lib/topics/topic-detail-schema";
import { topicAccess } from "@/server/acls/topic-access";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

/** Who may read, write and describe the topic, and by which bindings. */
export const GET = guardedRoute(
  { name: "topicAccess", input: topicRouteInputSchema, permission: "acls:read", clusterId: (i) => i.id },
  ({ topic }, { cluster }) => topicAccess(cluster, topic),
);
