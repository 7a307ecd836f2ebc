import { SCHEMA_FORMAT_LABELS } from "../contracts/contract-schema";

// How a search decoded a key or value with a schema, shown on its row (format, subject, schema id) and kept in
// downloads. Shared by the scan events (lib/messages/scan-events.ts) and the decoder.

export interface DecodedWith {
  format: "avro" | "protobuf" | "json-schema";
  /** registry: framed with a schema id; contract: a bound design's topic contract; pasted: the user's schema. */
  source: "registry" | "contract" | "pasted";
  schemaId?: number;
  subject?: string;
  version?: number;
  /** Protobuf: the message type it was read as. */
  messageType?: string;
  /** Why it did not decode (the row then shows the raw bytes). */
  error?: string;
}

const SOURCE: Record<DecodedWith["source"], string> = { registry: "registry", contract: "contract", pasted: "pasted schema" };

/** "Avro · orders-value v3 · id 7"; a contract's or a pasted schema's say so. */
export function decodedLabel(w: DecodedWith): string {
  const parts: string[] = [SCHEMA_FORMAT_LABELS[w.format]];
  if (w.subject) parts.push(`${w.subject}${w.version ? ` v${w.version}` : ""}`);
  if (w.schemaId !== undefined) parts.push(`id ${w.schemaId}`);
  if (w.source !== "registry") parts.push(SOURCE[w.source]);
  return parts.join(" · ");
}
