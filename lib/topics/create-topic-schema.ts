import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { topicConfigError } from "./topic-configs";
import { topicNameError } from "./topic-name";

export const topicNameSchema = z.string().superRefine((name, ctx) => {
  const error = topicNameError(name);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

export const topicConfigKeySchema = z.string().max(255).regex(/^[a-z0-9.]+$/, "Not a topic config key");

/** Config overrides, each key and value checked against the catalog (lib/topics/topic-configs.ts). */
export const topicConfigsSchema = z.record(topicConfigKeySchema, z.string().trim().max(10_000)).superRefine((configs, ctx) => {
  for (const [key, value] of Object.entries(configs)) {
    const error = topicConfigError(key, value);
    if (error) ctx.addIssue({ code: "custom", path: [key], message: error });
  }
});

export const partitionCountSchema = z
  .number({ error: "Enter a number of partitions" })
  .int("Partitions must be a whole number")
  .min(1, "At least 1 partition")
  .max(10_000, "At most 10,000 partitions");

/** Why min.insync.replicas cannot be used with this replication factor, or null. */
export function minInsyncReplicasError(minIsr: string | undefined, replicationFactor: number): string | null {
  const n = Number(minIsr);
  if (minIsr === undefined || !Number.isInteger(n) || !Number.isInteger(replicationFactor) || replicationFactor < 1) return null;
  return n > replicationFactor ? `min.insync.replicas ${n} is more than the replication factor ${replicationFactor}: every write with acks=all would be refused` : null;
}

export const createTopicInputSchema = z.object({
  clusterId: clusterIdSchema,
  name: topicNameSchema,
  partitions: partitionCountSchema,
  replicationFactor: z
    .number({ error: "Enter a replication factor" })
    .int("Replication factor must be a whole number")
    .min(1, "Replication factor is at least 1")
    .max(32, "Replication factor is at most 32"),
  configs: topicConfigsSchema.default({}),
}).superRefine((v, ctx) => {
  const error = minInsyncReplicasError(v.configs["min.insync.replicas"], v.replicationFactor);
  if (error) ctx.addIssue({ code: "custom", path: ["configs", "min.insync.replicas"], message: error });
});
export type CreateTopicInput = z.input<typeof createTopicInputSchema>;
