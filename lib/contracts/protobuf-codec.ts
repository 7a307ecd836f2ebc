import protobuf from "protobufjs";
import { MAX_VALUE_PROBLEMS, type CompileOptions, type CompileResult, type FieldInfo, type SchemaCodec, type SchemaProblem, type ValueProblem } from "./codec-types";
import { errorMessage, int64ToJson } from "./json-safe";
import { positionAt } from "./json-text";

// Protobuf from .proto text (proto2, proto3), parsed by protobufjs with field names as written. Imports of
// Google's well-known types (timestamp, duration, any, struct, wrappers, empty, field_mask) are built in; other
// imports must be given as references. The value is one message type of the file: the one named, or the first
// top-level message. Decoded values are JSON-safe: enums by name, bytes as base64, 64-bit integers as numbers
// or decimal strings, every field present (proto3 defaults included) so filters can read them.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const LONG_TYPES = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

/** Names of Google's well-known .proto files that protobufjs carries. */
const WELL_KNOWN = protobuf.common as unknown as Record<string, { nested?: protobuf.INamespace["nested"] }>;

function lineOf(text: string, needle: string): Pick<SchemaProblem, "line" | "column"> {
  const at = needle ? text.indexOf(needle) : -1;
  return at >= 0 ? positionAt(text, at) : {};
}

function parseInto(root: protobuf.Root, text: string, name: string, references: Record<string, string>, seen: Set<string>, parsed?: () => void): SchemaProblem | null {
  let result: protobuf.IParserResult;
  try {
    result = protobuf.parse(text, root, { keepCase: true, alternateCommentMode: true });
    parsed?.();
  } catch (e) {
    const message = errorMessage(e);
    const line = /\(line (\d+)\)/.exec(message);
    return { message: `${name ? `${name}: ` : ""}${message.replace(/\s*\(line \d+\)/, "")}`, ...(line && !name ? { line: Number(line[1]), column: 1 } : {}) };
  }
  for (const file of [...(result.imports ?? []), ...(result.weakImports ?? [])]) {
    if (seen.has(file)) continue;
    seen.add(file);
    const known = WELL_KNOWN[file];
    if (known?.nested) root.addJSON(known.nested);
    else if (references[file] !== undefined) {
      const problem = parseInto(root, references[file], file, references, seen);
      if (problem) return problem;
    } else return { message: `Imports "${file}", which is not given: put its messages in this text, or give it as a reference`, ...(name ? {} : lineOf(text, file)) };
  }
  return null;
}

function allTypes(ns: protobuf.NamespaceBase, out: protobuf.Type[] = []): protobuf.Type[] {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) allTypes(nested, out);
  }
  return out;
}

const fullName = (t: protobuf.ReflectionObject) => t.fullName.replace(/^\./, "");

export function compileProtobuf(text: string, messageType: string | undefined, opts: CompileOptions = {}): CompileResult {
  const root = new protobuf.Root();
  const references = opts.references ?? {};
  // The types the text itself declares: those in the root right after it is parsed, before its imports are.
  let own = new Set<string>();
  const problem = parseInto(root, text, "", references, new Set(), () => (own = new Set(allTypes(root).map((t) => t.fullName))));
  if (problem) return { ok: false, problem };
  try {
    root.resolveAll();
  } catch (e) {
    const message = errorMessage(e);
    const missing = /no such type(?: or enum)?:? '?([\w.]+)'?/i.exec(message)?.[1];
    return { ok: false, problem: { message: missing ? `Unknown type "${missing}"` : message, ...lineOf(text, missing ? missing.split(".").pop()! : "") } };
  }
  const declared = allTypes(root).filter((t) => own.has(t.fullName));
  const names = declared.map(fullName);
  if (!declared.length) return { ok: false, problem: { message: "The text declares no message" } };
  let type: protobuf.Type | undefined;
  if (messageType) {
    const wanted = messageType.replace(/^\./, "");
    type = declared.find((t) => fullName(t) === wanted) ?? (declared.filter((t) => fullName(t).endsWith(`.${wanted}`)).length === 1 ? declared.find((t) => fullName(t).endsWith(`.${wanted}`)) : undefined);
    if (!type) return { ok: false, problem: { message: `Message type "${messageType}" is not in the text (it declares ${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""})` } };
  } else {
    // The first top-level message: nested types come after their parent in `declared`.
    type = declared.find((t) => !(t.parent instanceof protobuf.Type));
  }
  const T = type!;
  const check = (value: unknown): { problems: ValueProblem[]; input: unknown } => {
    const problems: ValueProblem[] = [];
    const input = fromJsonSafe(T, value, "", problems);
    if (!problems.length) {
      const err = T.verify(input as Json);
      if (err) {
        const [path, message] = err.includes(": ") ? [err.slice(0, err.indexOf(": ")), err.slice(err.indexOf(": ") + 2)] : ["", err];
        problems.push({ path, message: message.replace("integer|Long", "an integer").replace(/^(\w+) expected$/, "a $1 expected") });
      }
    }
    return { problems: problems.slice(0, MAX_VALUE_PROBLEMS), input };
  };
  return {
    ok: true,
    codec: {
      format: "protobuf",
      fields: { root: `message ${fullName(T)}`, fields: T.fieldsArray.map(fieldInfo) },
      messageTypes: names,
      messageType: fullName(T),
      validate: (value) => check(value).problems,
      encode(value) {
        const { problems, input } = check(value);
        if (problems.length) return { ok: false, reason: "The value does not match the schema", problems };
        try {
          return { ok: true, bytes: T.encode(T.fromObject(input as Json)).finish() };
        } catch (e) {
          return { ok: false, reason: errorMessage(e), problems: [] };
        }
      },
      decode(bytes) {
        try {
          const message = T.decode(bytes);
          const obj = T.toObject(message, { longs: String, enums: String, bytes: String, defaults: true, arrays: true, objects: true });
          return { ok: true, value: toJsonSafe(T, obj), problems: [] };
        } catch (e) {
          return { ok: false, reason: `Not a ${fullName(T)} message: ${errorMessage(e)}` };
        }
      },
    } satisfies SchemaCodec,
  };
}

function shortType(f: protobuf.Field): string {
  return f.resolvedType ? f.resolvedType.name : f.type;
}

function fieldInfo(f: protobuf.Field): FieldInfo {
  const base = shortType(f);
  const type = f instanceof protobuf.MapField ? `map<${f.keyType}, ${base}>` : f.repeated ? `${base}[]` : base;
  // proto3 fields may be absent from the wire (they read as their default); proto2 says so with `optional`.
  return { name: f.name, type, optional: !f.required };
}

function scalarToJson(f: protobuf.Field, v: unknown): unknown {
  if (v === null || v === undefined) return v ?? null;
  if (LONG_TYPES.has(f.type) && (typeof v === "string" || typeof v === "number")) return int64ToJson(v);
  if (f.resolvedType instanceof protobuf.Type && isObj(v)) return toJsonSafe(f.resolvedType, v);
  return v;
}

/** toObject's output in declaration order, 64-bit integers as numbers when exact. */
function toJsonSafe(T: protobuf.Type, obj: Json): Json {
  const out: Json = {};
  for (const f of T.fieldsArray) {
    if (!(f.name in obj)) continue;
    const v = obj[f.name];
    if (f instanceof protobuf.MapField && isObj(v)) out[f.name] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalarToJson(f, x)]));
    else if (f.repeated && Array.isArray(v)) out[f.name] = v.map((x) => scalarToJson(f, x));
    else out[f.name] = scalarToJson(f, v);
  }
  return out;
}

function scalarFromJson(f: protobuf.Field, v: unknown, path: string, problems: ValueProblem[]): unknown {
  if (LONG_TYPES.has(f.type) && typeof v === "string") {
    if (!/^-?\d{1,20}$/.test(v)) problems.push({ path, message: "an integer expected" });
    else return (protobuf.util.Long as unknown as { fromString(s: string, unsigned: boolean): unknown }).fromString(v, f.type.startsWith("u") || f.type === "fixed64");
  }
  if (f.resolvedType instanceof protobuf.Enum && typeof v === "string") {
    const n = f.resolvedType.values[v];
    if (n === undefined) problems.push({ path, message: `not one of ${Object.keys(f.resolvedType.values).slice(0, 8).join(", ")}` });
    return n ?? v;
  }
  if (f.resolvedType instanceof protobuf.Type && v !== null && v !== undefined) return fromJsonSafe(f.resolvedType, v, path, problems);
  return v;
}

/** A JSON-safe value as protobufjs verifies it (longs and enum names converted); unknown fields are problems. */
function fromJsonSafe(T: protobuf.Type, value: unknown, path: string, problems: ValueProblem[]): unknown {
  if (!isObj(value)) {
    problems.push({ path, message: `an object (message ${fullName(T)}) expected` });
    return value;
  }
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const f = T.fields[key] ?? T.fieldsArray.find((x) => x.name === key || (x as { jsonName?: string }).jsonName === key);
    const at = path ? `${path}.${key}` : key;
    if (!f) {
      problems.push({ path: at, message: `is not a field of ${fullName(T)}` });
      continue;
    }
    if (v === null) continue;
    if (f instanceof protobuf.MapField && isObj(v)) out[f.name] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scalarFromJson(f, x, `${at}[${JSON.stringify(k)}]`, problems)]));
    else if (f.repeated && Array.isArray(v)) out[f.name] = v.map((x, i) => scalarFromJson(f, x, `${at}[${i}]`, problems));
    else out[f.name] = scalarFromJson(f, v, at, problems);
  }
  return out;
}
