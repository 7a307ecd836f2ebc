// Inputs of the topic detail page's reads and changes: checked by the guarded path on the server, and by the
// page before sending.
import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { partitionCountSchema, topicConfigKeySchema, topicConfigsSchema, topicNameSchema } from "./create-topic-schema";

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A topic name from a URL segment (legal names need no escaping, but a client may escape them anyway). */
export const topicParamSchema = z.string().max(1000).transform(decodeSegment).pipe(topicNameSchema);

/** A route's params: the cluster and the topic. */
export const topicRouteInputSchema = z.object({ id: clusterIdSchema, topic: topicParamSchema });

export const alterTopicConfigInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    topic: topicNameSchema,
    /** Overrides to set (new or changed values). */
    set: topicConfigsSchema.default({}),
    /** Overrides to remove, so the key goes back to its default. */
    remove: z.array(topicConfigKeySchema).max(500).default([]),
  })
  .superRefine((input, ctx) => {
    if (!Object.keys(input.set).length && !input.remove.length) ctx.addIssue({ code: "custom", message: "Nothing to change" });
    for (const key of input.remove) {
      if (key in input.set) ctx.addIssue({ code: "custom", path: ["remove"], message: `${key} is both set and reset` });
    }
  });
export type AlterTopicConfigInput = z.input<typeof alterTopicConfigInputSchema>;

export const addPartitionsInputSchema = z.object({
  clusterId: clusterIdSchema,
  topic: topicNameSchema,
  /** The new total number of partitions (more than the topic has). */
  partitions: partitionCountSchema,
});
export type AddPartitionsInput = z.input<typeof addPartitionsInputSchema>;

export const deleteTopicInputSchema = z.object({
  clusterId: clusterIdSchema,
  topic: topicNameSchema,
  /** The topic's name typed back by the user. */
  confirmName: z.string().max(1000),
});
export type DeleteTopicInput = z.input<typeof deleteTopicInputSchema>;
