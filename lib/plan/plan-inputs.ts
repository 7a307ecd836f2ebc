import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { designIdSchema } from "../designs/design-inputs";
import { designNameSchema } from "../designs/design-schema";
import { topicNameSchema } from "../topics/create-topic-schema";

export const applyPlanInputSchema = z.object({
  designId: designIdSchema,
  /** The cluster the plan was shown for; must still be the design's bound cluster. */
  clusterId: clusterIdSchema,
  /** The hash of the plan the user saw: apply refuses when the cluster or design changed since. */
  planHash: z.string().regex(/^[0-9a-f]{16}$/, "Not a plan hash"),
  /** Topic names typed by the user to confirm each deletion. */
  confirmDeletions: z.array(topicNameSchema).max(1000).default([]),
});

export const importFromClusterInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    name: designNameSchema,
    prefix: z.string().max(249).default(""),
    regex: z.string().max(200, "At most 200 characters").default(""),
    includeGroups: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (!v.regex) return;
    try {
      new RegExp(v.regex);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["regex"], message: `Not a valid regular expression: ${(e as Error).message}` });
    }
  });
