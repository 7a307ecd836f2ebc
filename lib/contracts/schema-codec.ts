import { compileAvro } from "./avro-codec";
import type { CompileOptions, CompileResult, SchemaProblem } from "./codec-types";
import { SCHEMA_FORMAT_LABELS, type Contract, type ContractPart, type SchemaSpec } from "./contract-schema";
import { compileJsonSchema } from "./json-schema-codec";
import { compileProtobuf } from "./protobuf-codec";

// The one entry to the codecs: a schema (format, text, and for Protobuf the message type) gives a SchemaCodec
// or the problem with the text. Decoding messages (the browser, conformance), producing with a schema and
// registering contracts all start here; see codec-types.ts for what a codec does.

export type { CompileOptions, CompileResult, DecodeResult, EncodeResult, FieldInfo, FieldList, SchemaCodec, SchemaProblem, ValueProblem } from "./codec-types";

export function compileSchema(spec: SchemaSpec, opts: CompileOptions = {}): CompileResult {
  if (!spec.text.trim()) return { ok: false, problem: { message: "The schema is empty" } };
  switch (spec.format) {
    case "json-schema":
      return compileJsonSchema(spec.text);
    case "avro":
      return compileAvro(spec.text, opts);
    case "protobuf":
      return compileProtobuf(spec.text, spec.messageType, opts);
  }
}

// Compiling costs milliseconds (Ajv generates a validator): the designer validates on every edit, so results
// are kept by schema, most recently used last.
const CACHE_SIZE = 200;
const cache = new Map<string, CompileResult>();

/** compileSchema for a schema without references, remembered for the last few hundred schemas. */
export function compileSchemaCached(spec: SchemaSpec): CompileResult {
  const key = `${spec.format}\u0000${spec.messageType ?? ""}\u0000${spec.text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = compileSchema(spec);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/** "line 4, column 7: …" or the message alone. */
export function describeSchemaProblem(p: SchemaProblem): string {
  return p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}` : p.message;
}

export const CONTRACT_PART_LABELS: Record<ContractPart, string> = { value: "value schema", key: "key schema" };

/** The problems of a contract's schemas, one per broken part, for design validation. */
export function contractProblems(contract: Contract | undefined): { part: ContractPart; message: string }[] {
  if (!contract) return [];
  const out: { part: ContractPart; message: string }[] = [];
  for (const part of ["value", "key"] as const) {
    const spec = contract[part];
    if (!spec) continue;
    const result = compileSchemaCached(spec);
    if (!result.ok) out.push({ part, message: `${CONTRACT_PART_LABELS[part]} (${SCHEMA_FORMAT_LABELS[spec.format]}): ${describeSchemaProblem(result.problem)}` });
  }
  return out;
}
