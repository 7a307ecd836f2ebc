import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { TOPIC_SORTS } from "@/lib/clusters/topic-summary";
import { USER_PATTERN_MAX_LENGTH, userPatternError } from "@/lib/text/user-pattern";
import { guardedRoute } from "@/server/guard/guarded-route";
import { listTopicSummaries } from "@/server/topics/list-topic-summaries";

export const dynamic = "force-dynamic";

const input = z
  .object({
    id: clusterIdSchema,
    q: z.string().max(USER_PATTERN_MAX_LENGTH).default(""),
    regex: z.enum(["true", "false"]).default("false"),
    internal: z.enum(["true", "false"]).default("false"),
    sort: z.enum(TOPIC_SORTS).default("name"),
    desc: z.enum(["true", "false"]).default("false"),
    page: z.coerce.number().int().min(0).max(100_000).default(0),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((v, ctx) => {
    if (v.regex !== "true" || !v.q) return;
    const error = userPatternError(v.q);
    if (error) ctx.addIssue({ code: "custom", path: ["q"], message: `Not a valid regular expression: ${error}` });
  });

export const GET = guardedRoute({ name: "listTopics", input, permission: "clusters:read", clusterId: (i) => i.id }, (i, { cluster }) =>
  listTopicSummaries(cluster, {
    q: i.q,
    regex: i.regex === "true",
    includeInternal: i.internal === "true",
    sort: i.sort,
    desc: i.desc === "true",
    page: i.page,
    pageSize: i.pageSize,
  }),
);
