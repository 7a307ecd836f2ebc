import { z } from "zod";

// A topic's contract: the schema of its messages' value and, optionally, of their key, in one of three formats.
// The schema is kept as the text the user wrote (formatting and comments are theirs); codecs in this folder
// parse it. The zod schema checks shape and size only: whether the text is a valid schema is a design problem
// (validate-design.ts), so a design may hold a schema while it is being typed.

export const SCHEMA_FORMATS = ["json-schema", "avro", "protobuf"] as const;
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number];

export const SCHEMA_FORMAT_LABELS: Record<SchemaFormat, string> = {
  "json-schema": "JSON Schema",
  avro: "Avro",
  protobuf: "Protobuf",
};

/** Characters of one schema text: a Schema Registry schema is rarely over a few KB; this bounds a design's size. */
export const MAX_SCHEMA_CHARS = 100_000;
/** Characters of a Protobuf message type name ("shop.v1.Order"). */
export const MAX_MESSAGE_TYPE_CHARS = 300;

export const schemaSpecSchema = z.object({
  format: z.enum(SCHEMA_FORMATS),
  text: z.string().max(MAX_SCHEMA_CHARS, `A schema has at most ${MAX_SCHEMA_CHARS.toLocaleString("en")} characters`),
  /** Protobuf only: the message type the value is (a .proto file may declare several); the first one when absent. */
  messageType: z.string().max(MAX_MESSAGE_TYPE_CHARS).optional(),
});

export const contractSchema = z.object({
  value: schemaSpecSchema,
  key: schemaSpecSchema.optional(),
});

export type SchemaSpec = z.output<typeof schemaSpecSchema>;
export type Contract = z.output<typeof contractSchema>;
export type ContractPart = keyof Contract;
