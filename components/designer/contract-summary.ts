import { SCHEMA_FORMAT_LABELS, type Contract, type SchemaFormat, type SchemaSpec } from "@/lib/contracts/contract-schema";
import { compileSchemaCached, describeSchemaProblem } from "@/lib/contracts/schema-codec";

// What the canvas and the properties panel say about a contract: pure, no React, tested in the components
// project. Compiles go through the cache, so a node re-rendered with the same contract costs a lookup.

export interface ContractSummary {
  format: string;
  /** "OrderPlaced", "shop.v1.Order", "object": what the value is. */
  root: string;
  /** Up to `max` top-level fields as "name: type" ("name?: type" when it may be absent). */
  lines: string[];
  /** Fields beyond those lines. */
  more: number;
  /** Why the value schema does not compile, when it does not. */
  error?: string;
}

export function contractSummary(contract: Contract, max = 4): ContractSummary {
  const format = SCHEMA_FORMAT_LABELS[contract.value.format];
  const result = compileSchemaCached(contract.value);
  if (!result.ok) return { format, root: "", lines: [], more: 0, error: describeSchemaProblem(result.problem) };
  const { root, fields } = result.codec.fields;
  const lines = fields.slice(0, max).map((f) => `${f.name}${f.optional ? "?" : ""}: ${f.type}`);
  return { format, root: root.replace(/^(record|message|object) /, ""), lines, more: Math.max(0, fields.length - max) };
}

/** What the editor says under a schema: what it describes, or where it is wrong. */
export type SchemaStatus =
  | { ok: true; text: string; messageTypes: readonly string[]; messageType?: string }
  | { ok: false; text: string; line?: number; column?: number };

export function schemaStatus(spec: SchemaSpec): SchemaStatus {
  const result = compileSchemaCached(spec);
  if (!result.ok) {
    const { line, column, message } = result.problem;
    return { ok: false, text: line ? `Line ${line}${column ? `, column ${column}` : ""}: ${message}` : message, line, column };
  }
  const { root, fields } = result.codec.fields;
  const count = fields.length ? ` · ${fields.length} field${fields.length === 1 ? "" : "s"}` : "";
  return { ok: true, text: `Valid ${SCHEMA_FORMAT_LABELS[spec.format]}: ${root}${count}`, messageTypes: result.codec.messageTypes, messageType: result.codec.messageType };
}

/** The character offset of a 1-based line and column, for putting the caret on a problem. */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf("\n", offset);
  return Math.min(offset + Math.max(0, column - 1), end < 0 ? text.length : end);
}

const STARTERS: Record<"value" | "key", Record<SchemaFormat, string>> = {
  value: {
    "json-schema": JSON.stringify({ title: "Event", type: "object", required: ["id"], properties: { id: { type: "string" } } }, null, 2),
    avro: JSON.stringify({ type: "record", name: "Event", fields: [{ name: "id", type: "string" }] }, null, 2),
    protobuf: 'syntax = "proto3";\n\nmessage Event {\n  string id = 1;\n}\n',
  },
  key: {
    "json-schema": JSON.stringify({ type: "string" }, null, 2),
    avro: '"string"',
    protobuf: 'syntax = "proto3";\n\nmessage Key {\n  string id = 1;\n}\n',
  },
};

/** A small schema to start from in a format. */
export function starterSchema(part: "value" | "key", format: SchemaFormat): SchemaSpec {
  return { format, text: STARTERS[part][format] };
}

/**
 * The schema after the user picks another format: a text that is empty or still a starter becomes the new
 * format's starter; anything the user wrote stays (the status then says what is wrong with it).
 */
export function switchFormat(part: "value" | "key", spec: SchemaSpec, format: SchemaFormat): SchemaSpec {
  const untouched = !spec.text.trim() || Object.values(STARTERS[part]).includes(spec.text);
  return untouched ? starterSchema(part, format) : { format, text: spec.text };
}
