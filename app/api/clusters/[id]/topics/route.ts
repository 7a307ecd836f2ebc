import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { guardedRoute } from "@/server/guard/guarded-route";
import { listTopicSummaries } from "@/server/kafka/list-topic-summaries";

export const dynamic = "force-dynamic";

const input = z.object({
  id: clusterIdSchema,
  q: z.string().max(249).default(""),
  internal: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const GET = guardedRoute(
  { name: "listTopics", input, permission: "clusters:read", clusterId: (i) => i.id },
  ({ q, internal, limit }, { cluster }) => listTopicSummaries(cluster!, { q, includeInternal: internal === "true", limit }),
);
