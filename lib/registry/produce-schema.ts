import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { MAX_MESSAGE_TYPE_CHARS } from "@/lib/contracts/contract-schema";
import { topicNameSchema } from "@/lib/topics/create-topic-schema";
import { subjectNameSchema, versionSchema } from "./registry-schemas";

// Producing a value encoded with a schema: a Schema Registry subject (framed with the schema id, Confluent's wire
// format) or the topic's contract from a design bound to the cluster (schemaless: the encoded bytes alone).

export const valueSchemaChoiceSchema = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("registry"),
    subject: subjectNameSchema,
    version: versionSchema.default("latest"),
    /** Protobuf: the message type the value is (the file's first message when absent). */
    messageType: z.string().max(MAX_MESSAGE_TYPE_CHARS).optional(),
  }),
  z.object({ source: z.literal("contract"), designId: z.string().min(1).max(64) }),
]);
export type ValueSchemaChoice = z.output<typeof valueSchemaChoiceSchema>;

export const produceWithSchemaInputSchema = z.object({
  clusterId: clusterIdSchema,
  topic: topicNameSchema,
  key: z.string().max(100_000).nullable().default(null),
  /** The value as JSON text; it is checked against the schema, then encoded. */
  value: z.string().max(1_000_000, "A value has at most 1,000,000 characters"),
  headers: z.array(z.object({ key: z.string().min(1).max(256), value: z.string().max(10_000) })).max(100).default([]),
  partition: z.number().int().min(0).max(100_000).nullable().default(null),
  schema: valueSchemaChoiceSchema,
});
export type ProduceWithSchemaInput = z.input<typeof produceWithSchemaInputSchema>;

export const topicContractsRouteSchema = z.object({ id: clusterIdSchema, topic: topicNameSchema });
