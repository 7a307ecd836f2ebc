import { z } from "zod";
import { MAX_MESSAGE_TYPE_CHARS, SCHEMA_FORMATS } from "@/lib/contracts/contract-schema";

// How a message search decodes keys and values written with a schema (the `decode` field of a scan request).
// Framed values are decoded with the cluster's Schema Registry unless turned off; unframed ("schemaless") values
// with the topic's contract from a bound design or a schema the user pasted. A search request travels in the
// URL of a GET event stream (Node takes at most 16 KB of request line and headers), so a pasted schema is short;
// longer ones are registered or put in a design's contract.

export const MAX_PASTED_SCHEMA_CHARS = 4_000;

export const schemalessChoiceSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("contract"), designId: z.string().min(1).max(64) }),
  z.object({
    source: z.literal("pasted"),
    format: z.enum(SCHEMA_FORMATS),
    text: z.string().min(1).max(MAX_PASTED_SCHEMA_CHARS, `A pasted schema has at most ${MAX_PASTED_SCHEMA_CHARS.toLocaleString("en")} characters here`),
    messageType: z.string().max(MAX_MESSAGE_TYPE_CHARS).optional(),
  }),
]);
export type SchemalessChoice = z.output<typeof schemalessChoiceSchema>;

export const scanDecodeSchema = z.object({
  /** Decode values framed for a Schema Registry with the cluster's registry (when it has one). */
  registry: z.boolean().default(true),
  /** Unframed values: decode them with this schema. */
  value: schemalessChoiceSchema.nullable().default(null),
});
export type ScanDecode = z.output<typeof scanDecodeSchema>;
