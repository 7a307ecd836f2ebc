import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { topicNameSchema } from "../topics/create-topic-schema";

// Copying chosen messages to a topic (the same one to replay them, or another): their key, value and headers
// byte for byte, in their order.

export const COPY_MAX_MESSAGES = 1000;

export const copyMessagesInputSchema = z.object({
  clusterId: clusterIdSchema,
  topic: topicNameSchema,
  /** The messages, as the browser lists them (offsets are int64: strings). */
  refs: z
    .array(z.object({ partition: z.number().int().min(0).max(100_000), offset: z.string().regex(/^\d{1,19}$/, "Not an offset") }))
    .min(1, "Choose at least one message")
    .max(COPY_MAX_MESSAGES, `At most ${COPY_MAX_MESSAGES.toLocaleString("en-US")} messages at once`),
  target: topicNameSchema,
  /** Into the same partition number (when the target has it); else the key decides, as for any producer. */
  keepPartition: z.boolean().default(false),
});
export type CopyMessagesInput = z.input<typeof copyMessagesInputSchema>;
