import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { topicNameError } from "./topic-name";

export const topicNameSchema = z.string().superRefine((name, ctx) => {
  const error = topicNameError(name);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

export const createTopicInputSchema = z.object({
  clusterId: clusterIdSchema,
  name: topicNameSchema,
  partitions: z.number().int("Partitions must be a whole number").min(1, "At least 1 partition").max(10_000, "At most 10,000 partitions"),
  replicationFactor: z.number().int().min(1, "Replication factor is at least 1").max(32, "Replication factor is at most 32"),
  configs: z.record(z.string().regex(/^[a-z0-9.]+$/, "Not a topic config key"), z.string().max(10_000)).default({}),
});
export type CreateTopicInput = z.input<typeof createTopicInputSchema>;
