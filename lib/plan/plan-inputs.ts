import { userPatternError } from "../text/user-pattern";
import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { designIdSchema } from "../designs/design-inputs";
import { designNameSchema } from "../designs/design-schema";
import { topicNameSchema } from "../topics/create-topic-schema";
import { connectorNameSchema } from "../connect/connect-schemas";

export const applyPlanInputSchema = z.object({
  designId: designIdSchema,
  /** The cluster the plan was shown for; must still be the design's bound cluster. */
  clusterId: clusterIdSchema,
  /** The hash of the plan the user saw: apply refuses when the cluster or design changed since. */
  planHash: z.string().regex(/^[0-9a-f]{16}$/, "Not a plan hash"),
  /** Topic names typed by the user to confirm each deletion. */
  confirmDeletions: z.array(topicNameSchema).max(1000).default([]),
  /** Connector names typed by the user to confirm each connector's deletion. */
  confirmConnectorDeletions: z.array(connectorNameSchema).max(1000).default([]),
  /** Principals typed by the user to confirm deleting their ACL bindings (issue 13). */
  confirmPrincipals: z.array(z.string().max(512)).max(1000).default([]),
});

export const importFromClusterInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    name: designNameSchema,
    prefix: z.string().max(249).default(""),
    regex: z.string().max(200, "At most 200 characters").default(""),
    includeGroups: z.boolean().default(true),
    /** The connectors of the cluster's Kafka Connect clusters that touch the imported topics (issue 14). */
    includeConnectors: z.boolean().default(true),
    /** Principals whose ACL bindings match the imported topics and groups, as their identities (issue 13). */
    includePrincipals: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (!v.regex) return;
    const error = userPatternError(v.regex);
    if (error) ctx.addIssue({ code: "custom", path: ["regex"], message: `Not a valid regular expression: ${error}` });
  });
