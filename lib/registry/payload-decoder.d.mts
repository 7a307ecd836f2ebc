// Types of payload-decoder.mjs (plain JavaScript so that the filter's worker threads can load it from source).
import type { DecodedWith } from "./decoded-with";

/** A registry schema as the decoder takes it: text, and the texts it refers to (name → text, dependencies first). */
export interface DecodeRegistrySchema {
  schemaType: "AVRO" | "PROTOBUF" | "JSON";
  schema: string;
  references: Record<string, string>;
  subject?: string;
  version?: number;
}

/** A schema for unframed bytes: the topic's contract, or one the user pasted. */
export interface SchemalessSchema {
  source: "contract" | "pasted";
  format: "avro" | "protobuf" | "json-schema";
  text: string;
  messageType?: string;
  references?: Record<string, string>;
}

/** What decoding needs, as it travels to a worker thread with a batch (structured clone). */
export interface DecodeSpec {
  /** Identifies the registry (its settings) for the compiled-schema cache; null: the cluster has none. */
  registryKey: string | null;
  /** Schemas by id for the framed messages of the batch; `error` when one could not be fetched. */
  schemas: Record<number, DecodeRegistrySchema | { error: string; schemaType?: undefined; subject?: undefined; version?: undefined }>;
  /** Unframed values, and keys. */
  value: SchemalessSchema | null;
  key: SchemalessSchema | null;
}

export type DecodeOutcome = { ok: true; value: unknown; with: DecodedWith } | { ok: false; reason: string; with: DecodedWith };

export function decodePart(spec: DecodeSpec, part: "key" | "value", bytes: Uint8Array | null): DecodeOutcome | null;
export function schemaIdOf(bytes: Uint8Array | null): number | null;
