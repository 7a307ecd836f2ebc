import type { SchemaFormat } from "./contract-schema";

// What every schema codec offers, whatever its format. Values crossing this API are JSON-safe (what a message
// browser shows, a CEL filter reads and a produce form sends): bytes as base64 strings, 64-bit integers as
// numbers when they fit a double exactly and as decimal strings when not.

/** Why a schema text cannot be used; line and column (1-based) when the problem has a place in the text. */
export interface SchemaProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface FieldInfo {
  name: string;
  /** A short type for display: "string", "long", "Line[]", "map<string, int32>", "string | null". */
  type: string;
  /** May be absent or null. */
  optional: boolean;
}

export interface FieldList {
  /** What the value is: "record shop.Order", "message shop.Order", "object", "string". */
  root: string;
  /** Top-level fields, in the schema's order ([] when the value is not a record, object or message). */
  fields: FieldInfo[];
}

/** Where a value breaks its schema ("lines[0].qty"; "" for the value itself) and how. */
export interface ValueProblem {
  path: string;
  message: string;
}

export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string; problems: ValueProblem[] };

/**
 * A decoded value, or why the bytes are not one. Avro and Protobuf bytes that decode conform by
 * construction (problems is empty); JSON that parses may still break its schema, and is given with its problems.
 */
export type DecodeResult = { ok: true; value: unknown; problems: ValueProblem[] } | { ok: false; reason: string };

export interface SchemaCodec {
  readonly format: SchemaFormat;
  readonly fields: FieldList;
  /** Protobuf: every message type the text declares, fully qualified, in order (nested ones too); others: []. */
  readonly messageTypes: readonly string[];
  /** Protobuf: the message type this codec reads and writes; others: undefined. */
  readonly messageType?: string;
  /** Problems of a JSON-safe value against the schema ([] when it conforms), at most MAX_VALUE_PROBLEMS. */
  validate(value: unknown): ValueProblem[];
  /** The bytes of a JSON-safe value: Avro binary, Protobuf binary, or UTF-8 JSON. Refused when it does not conform. */
  encode(value: unknown): EncodeResult;
  /** The JSON-safe value of bytes (the payload only: Schema Registry framing is taken off before). */
  decode(bytes: Uint8Array): DecodeResult;
}

export interface CompileOptions {
  /**
   * Schemas the text refers to, by name (what a Schema Registry calls references): for Protobuf, imported
   * files ("common/money.proto" → its text); for Avro, named types the text uses (any key → an Avro schema
   * text, parsed first, in order). Unused for JSON Schema.
   */
  references?: Record<string, string>;
}

export type CompileResult = { ok: true; codec: SchemaCodec } | { ok: false; problem: SchemaProblem };

export const MAX_VALUE_PROBLEMS = 20;
