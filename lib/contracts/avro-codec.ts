import { Buffer } from "buffer";
import { Type, types as avroTypes } from "avsc/etc/browser/avsc-types";
import { MAX_VALUE_PROBLEMS, type CompileOptions, type CompileResult, type FieldInfo, type FieldList, type SchemaCodec, type ValueProblem } from "./codec-types";
import { base64ToBytes, bytesToBase64, errorMessage, formatPath, int64ToJson } from "./json-safe";
import { parseJsonText, positionAt } from "./json-text";

// Avro (the JSON schema form, as .avsc files and Schema Registry subjects hold it), with avsc's types-only
// build (it also runs in the browser). Longs are read with their full 64 bits: a number when a double holds it,
// a decimal string when not (avsc alone refuses such values). Bytes and fixed travel as base64.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const INT64_MIN = -(BigInt(1) << BigInt(63));
const INT64_MAX = (BigInt(1) << BigInt(63)) - BigInt(1);

function isInt64(v: unknown): v is number | string {
  if (typeof v === "number") return Number.isSafeInteger(v);
  if (typeof v !== "string" || !/^-?\d{1,20}$/.test(v)) return false;
  const big = BigInt(v);
  return big >= INT64_MIN && big <= INT64_MAX;
}

/** avsc's long type backed by BigInt: no precision is lost, and the value stays JSON-safe. */
function wideLong() {
  return avroTypes.LongType.__with({
    fromBuffer: (buf: Buffer) => int64ToJson(new DataView(buf.buffer, buf.byteOffset, 8).getBigInt64(0, true)),
    toBuffer: (val: number | string) => {
      const buf = Buffer.alloc(8);
      new DataView(buf.buffer, buf.byteOffset, 8).setBigInt64(0, BigInt(val), true);
      return buf;
    },
    fromJSON: (v: unknown) => v,
    toJSON: (v: unknown) => v,
    isValid: isInt64,
    compare: (a: number | string, b: number | string) => {
      const x = BigInt(a);
      const y = BigInt(b);
      return x === y ? 0 : x < y ? -1 : 1;
    },
  });
}

function avroType(schema: unknown, registry: Record<string, Type>): Type {
  return Type.forSchema(schema as never, { registry, wrapUnions: "auto" });
}

export function compileAvro(text: string, opts: CompileOptions = {}): CompileResult {
  const registry: Record<string, Type> = { long: wideLong() };
  for (const [name, refText] of Object.entries(opts.references ?? {})) {
    const ref = parseJsonText(refText);
    if (!ref.ok) return { ok: false, problem: { message: `Reference "${name}" is not valid JSON: ${ref.message}` } };
    try {
      avroType(ref.value, registry);
    } catch (e) {
      return { ok: false, problem: { message: `Reference "${name}": ${errorMessage(e)}` } };
    }
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problem: { message: `Not valid JSON: ${parsed.message}`, ...parsed.position } };
  let type: Type;
  try {
    type = avroType(parsed.value, registry);
  } catch (e) {
    return { ok: false, problem: avroProblem(text, errorMessage(e)) };
  }
  const check = (value: unknown): ValueProblem[] => {
    const problems: ValueProblem[] = [];
    const input = fromJsonSafe(type, value);
    type.isValid(input, {
      errorHook: (path, val, t) => {
        if (problems.length < MAX_VALUE_PROBLEMS) problems.push({ path: formatPath(path), message: `${describe(val)} is not ${typeLabel(t)}` });
      },
    });
    if (problems.length) return problems;
    // Fields the schema does not declare (avsc would flag only the outermost record that holds one).
    undeclaredFields(type, input, [], problems);
    return problems;
  };
  return {
    ok: true,
    codec: {
      format: "avro",
      fields: avroFields(parsed.value),
      messageTypes: [],
      validate: check,
      encode(value) {
        const problems = check(value);
        if (problems.length) return { ok: false, reason: "The value does not match the schema", problems };
        try {
          return { ok: true, bytes: new Uint8Array(type.toBuffer(fromJsonSafe(type, value))) };
        } catch (e) {
          return { ok: false, reason: errorMessage(e), problems: [] };
        }
      },
      decode(bytes) {
        try {
          const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          return { ok: true, value: toJsonSafe(type, type.fromBuffer(buf)), problems: [] };
        } catch (e) {
          const reason = errorMessage(e);
          return { ok: false, reason: /trailing data/.test(reason) ? "The bytes hold more than one value of this schema (trailing data)" : /truncated|out of range|invalid/i.test(reason) ? `Not a value of this schema: ${reason}` : reason };
        }
      },
    } satisfies SchemaCodec,
  };
}

function undeclaredFields(type: Type, value: unknown, path: (string | number)[], problems: ValueProblem[]): void {
  if (problems.length >= MAX_VALUE_PROBLEMS) return;
  switch (type.typeName) {
    case "record":
    case "error": {
      if (!isObj(value)) return;
      const fields = (type as avroTypes.RecordType).fields;
      const known = new Set(fields.map((f) => f.name));
      for (const key of Object.keys(value)) {
        if (!known.has(key) && problems.length < MAX_VALUE_PROBLEMS) problems.push({ path: formatPath([...path, key]), message: `is not a field of record ${type.name ?? ""}`.trim() });
      }
      for (const f of fields) undeclaredFields(f.type, value[f.name], [...path, f.name], problems);
      return;
    }
    case "array":
      if (Array.isArray(value)) value.forEach((v, i) => undeclaredFields((type as avroTypes.ArrayType).itemsType, v, [...path, i], problems));
      return;
    case "map":
      if (isObj(value)) for (const [k, v] of Object.entries(value)) undeclaredFields((type as avroTypes.MapType).valuesType as Type, v, [...path, k], problems);
      return;
    case "union:wrapped": {
      if (!isObj(value)) return;
      const [branch] = Object.keys(value);
      const branchType = (type as avroTypes.WrappedUnionType).types.find((b) => b.branchName === branch);
      if (branchType) undeclaredFields(branchType, value[branch], [...path, branch], problems);
      return;
    }
    case "union:unwrapped": {
      const branchType = (type as avroTypes.UnwrappedUnionType).types.find((b) => b.isValid(value));
      if (branchType) undeclaredFields(branchType, value, path, problems);
      return;
    }
  }
}

/** avsc's message, placed on the name it complains about when the text holds it. */
function avroProblem(text: string, message: string) {
  const token = /: ([\w.$-]+)\s*$/.exec(message)?.[1];
  const at = token ? text.indexOf(`"${token}"`) : -1;
  return { message: `Not a valid Avro schema: ${message}`, ...(at >= 0 ? positionAt(text, at) : {}) };
}

function describe(v: unknown): string {
  if (v === undefined) return "a missing value";
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function typeLabel(t: Type): string {
  const name = t.typeName;
  return name === "record" || name === "enum" || name === "fixed" ? `${name === "enum" ? "an" : "a"} ${name} ${t.name ?? ""}`.trim() : name.startsWith("union") ? "any branch of the union" : `a ${name}`;
}

/** An avsc value as JSON: bytes as base64, records as plain objects. */
function toJsonSafe(type: Type, value: unknown): unknown {
  const t = type as Type & { typeName: string };
  switch (t.typeName) {
    case "bytes":
    case "fixed":
      return bytesToBase64(value as Uint8Array);
    case "record":
    case "error": {
      const out: Json = {};
      for (const f of (type as avroTypes.RecordType).fields) out[f.name] = toJsonSafe(f.type, (value as Json)[f.name]);
      return out;
    }
    case "array":
      return (value as unknown[]).map((v) => toJsonSafe((type as avroTypes.ArrayType).itemsType, v));
    case "map": {
      const out: Json = {};
      for (const [k, v] of Object.entries(value as Json)) out[k] = toJsonSafe((type as avroTypes.MapType).valuesType as Type, v);
      return out;
    }
    case "union:wrapped": {
      if (value === null) return null;
      const [branch] = Object.keys(value as Json);
      const branchType = (type as avroTypes.WrappedUnionType).types.find((b) => b.branchName === branch);
      return { [branch]: branchType ? toJsonSafe(branchType, (value as Json)[branch]) : (value as Json)[branch] };
    }
    case "union:unwrapped": {
      const branchType = (type as avroTypes.UnwrappedUnionType).types.find((b) => b.isValid(value));
      return branchType ? toJsonSafe(branchType, value) : value;
    }
    default:
      return value;
  }
}

/** A JSON-safe value as avsc takes it: base64 text as bytes where the schema says bytes or fixed. */
function fromJsonSafe(type: Type, value: unknown): unknown {
  switch (type.typeName) {
    case "bytes":
    case "fixed": {
      const bytes = typeof value === "string" ? base64ToBytes(value) : null;
      return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : value;
    }
    case "record":
    case "error": {
      if (!isObj(value)) return value;
      const out: Json = { ...value };
      for (const f of (type as avroTypes.RecordType).fields) if (f.name in value) out[f.name] = fromJsonSafe(f.type, value[f.name]);
      return out;
    }
    case "array":
      return Array.isArray(value) ? value.map((v) => fromJsonSafe((type as avroTypes.ArrayType).itemsType, v)) : value;
    case "map": {
      if (!isObj(value)) return value;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = fromJsonSafe((type as avroTypes.MapType).valuesType as Type, v);
      return out;
    }
    case "union:wrapped": {
      if (!isObj(value) || Object.keys(value).length !== 1) return value;
      const [branch] = Object.keys(value);
      const branchType = (type as avroTypes.WrappedUnionType).types.find((b) => b.branchName === branch);
      return branchType ? { [branch]: fromJsonSafe(branchType, value[branch]) } : value;
    }
    case "union:unwrapped": {
      const branches = (type as avroTypes.UnwrappedUnionType).types;
      if (branches.some((b) => b.isValid(value))) return value;
      for (const b of branches) {
        const converted = fromJsonSafe(b, value);
        if (converted !== value && b.isValid(converted)) return converted;
      }
      return value;
    }
    default:
      return value;
  }
}

const PRIMITIVES = new Set(["null", "boolean", "int", "long", "float", "double", "bytes", "string"]);
const shortName = (name: string) => name.split(".").pop() ?? name;

/** A short type name from the schema as written (logical types included: "long<timestamp-millis>"). */
function avroTypeName(s: unknown, depth = 0): { type: string; optional: boolean } {
  if (typeof s === "string") return { type: PRIMITIVES.has(s) ? s : shortName(s), optional: s === "null" };
  if (Array.isArray(s)) {
    const parts = s.map((b) => avroTypeName(b, depth + 1).type);
    const rest = parts.filter((p) => p !== "null");
    return { type: rest.length ? rest.join(" | ") : "null", optional: parts.includes("null") };
  }
  if (!isObj(s) || depth > 4) return { type: "?", optional: false };
  const t = s.type;
  if (typeof s.logicalType === "string" && typeof t === "string") return { type: `${t}<${s.logicalType}>`, optional: false };
  if (t === "array") return { type: `${avroTypeName(s.items, depth + 1).type}[]`, optional: false };
  if (t === "map") return { type: `map<${avroTypeName(s.values, depth + 1).type}>`, optional: false };
  if ((t === "record" || t === "error" || t === "enum" || t === "fixed") && typeof s.name === "string") return { type: shortName(s.name), optional: false };
  return avroTypeName(t, depth + 1);
}

function avroFields(schema: unknown): FieldList {
  if (!isObj(schema) || (schema.type !== "record" && schema.type !== "error")) {
    const { type } = avroTypeName(schema);
    return { root: isObj(schema) && typeof schema.name === "string" ? `${schema.type} ${schema.name}` : type, fields: [] };
  }
  const ns = typeof schema.namespace === "string" && schema.namespace && !String(schema.name).includes(".") ? `${schema.namespace}.` : "";
  const fields: FieldInfo[] = [];
  for (const f of Array.isArray(schema.fields) ? schema.fields : []) {
    if (!isObj(f) || typeof f.name !== "string") continue;
    fields.push({ name: f.name, ...avroTypeName(f.type) });
  }
  return { root: `record ${ns}${String(schema.name)}`, fields };
}
