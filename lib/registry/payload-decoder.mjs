// Decodes message keys and values written with a schema, for a search: values framed for a Schema Registry
// (Confluent's wire format: magic byte, schema id, for Protobuf the message indexes) with the schema of their id,
// and unframed ("schemaless") Avro, Protobuf or JSON with a topic's contract or a schema the user pasted. The
// result is JSON-safe, as CEL filters and the browser take it: records as plain objects, bytes as base64,
// 64-bit integers as numbers when a double holds them exactly and as decimal strings when not.
//
// Plain JavaScript (types in payload-decoder.d.mts): the filter's worker threads load it from source, so a
// filtered search decodes where it filters; the main thread decodes the rows it shows with the same code.
// Schemas arrive as text (the main thread fetches each registry schema once per id); each thread compiles one
// once and keeps it, keyed by registry and id, or by the schema's text. One file, though long (over 300 lines):
// the worker threads load it from source, so the Avro, Protobuf and framing paths they run stay in one module.
import { Buffer } from "node:buffer";
import avro from "avsc/etc/browser/avsc-types.js";
import protobuf from "protobufjs";
import { messageTypeAt } from "./protobuf-indexes.mjs";
import { decodeMessageIndexes, unframe } from "./wire-format.mjs";

const FORMAT_OF = { AVRO: "avro", PROTOBUF: "protobuf", JSON: "json-schema" };
const CACHE_SIZE = 256;
const compiled = new Map();
const utf8 = new TextDecoder("utf-8", { fatal: true });
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const int64 = (big) => (big >= MIN_SAFE && big <= MAX_SAFE ? Number(big) : big.toString());
const message = (e) => (e instanceof Error ? e.message : String(e));

// --- Avro -------------------------------------------------------------------------------------------------

/** avsc's long with all 64 bits: a number when exact, else a decimal string. */
function wideLong() {
  return avro.types.LongType.__with({
    fromBuffer: (buf) => int64(buf.readBigInt64LE(0)),
    toBuffer: (v) => {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(BigInt(v));
      return buf;
    },
    fromJSON: (v) => v,
    toJSON: (v) => v,
    isValid: (v) => typeof v === "number" || typeof v === "string",
    compare: (a, b) => (BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1),
  });
}

/** A function that turns avsc's decoded value of `type` into plain JSON-safe data, or null when it already is. */
function plainer(type, depth = 0) {
  if (depth > 64) return null;
  switch (type.typeName) {
    case "bytes":
    case "fixed":
      return (v) => v.toString("base64");
    case "record":
    case "error": {
      const fields = type.fields.map((f) => [f.name, plainer(f.type, depth + 1)]);
      return (v) => {
        const o = {};
        for (const [name, conv] of fields) o[name] = conv ? conv(v[name]) : v[name];
        return o;
      };
    }
    case "array": {
      const conv = plainer(type.itemsType, depth + 1);
      return conv ? (v) => v.map(conv) : null;
    }
    case "map": {
      const conv = plainer(type.valuesType, depth + 1);
      if (!conv) return null;
      return (v) => {
        const o = {};
        for (const k of Object.keys(v)) o[k] = conv(v[k]);
        return o;
      };
    }
    case "union:unwrapped": {
      const branches = type.types.map((b) => [b, plainer(b, depth + 1)]).filter(([, c]) => c);
      if (!branches.length) return null;
      if (branches.length === 1 && type.types.length === 2 && type.types.some((b) => b.typeName === "null")) {
        const conv = branches[0][1];
        return (v) => (v === null ? null : conv(v));
      }
      return (v) => {
        if (v === null || typeof v !== "object") return v;
        const hit = branches.find(([b]) => b.isValid(v));
        return hit ? hit[1](v) : v;
      };
    }
    case "union:wrapped": {
      const byName = new Map(type.types.map((b) => [b.branchName, plainer(b, depth + 1)]));
      return (v) => {
        if (v === null) return null;
        const name = Object.keys(v)[0];
        const conv = byName.get(name);
        return { [name]: conv ? conv(v[name]) : v[name] };
      };
    }
    default:
      return null;
  }
}

function avroDecoder(text, references) {
  const registry = { long: wideLong() };
  for (const ref of Object.values(references ?? {})) avro.Type.forSchema(JSON.parse(ref), { registry, wrapUnions: "auto" });
  const type = avro.Type.forSchema(JSON.parse(text), { registry, wrapUnions: "auto" });
  const plain = plainer(type);
  return (bytes) => {
    const v = type.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return plain ? plain(v) : v;
  };
}

// --- Protobuf ---------------------------------------------------------------------------------------------

const LONGS = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);
const WELL_KNOWN = protobuf.common;
const TO_OBJECT = { longs: String, enums: String, bytes: String, defaults: true, arrays: true, objects: true };

function protobufRoot(text, references) {
  const root = new protobuf.Root();
  let own = null;
  const seen = new Set();
  const parse = (source, top) => {
    const result = protobuf.parse(source, root, { keepCase: true, alternateCommentMode: true });
    if (top) own = new Set(allTypes(root).map((t) => t.fullName));
    for (const file of [...(result.imports ?? []), ...(result.weakImports ?? [])]) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (WELL_KNOWN[file]?.nested) root.addJSON(WELL_KNOWN[file].nested);
      else if (references?.[file] !== undefined) parse(references[file], false);
      else throw new Error(`imports "${file}", which the registry did not give`);
    }
  };
  parse(text, true);
  root.resolveAll();
  const declared = allTypes(root).filter((t) => own.has(t.fullName));
  if (!declared.length) throw new Error("the schema declares no message");
  return declared;
}

function allTypes(ns, out = []) {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace) allTypes(nested, out);
  }
  return out;
}

const fullName = (t) => t.fullName.replace(/^\./, "");

/**
 * Which fields of a message type need more than toObject gives: 64-bit integers (toObject gives them as strings)
 * and messages that hold some. Worked out once per type; a recursive type sees its own plan while it is filled.
 */
const plans = new WeakMap();
function planOf(T) {
  let plan = plans.get(T);
  if (plan) return plan;
  plan = [];
  plans.set(T, plan);
  for (const f of T.fieldsArray) {
    if (LONGS.has(f.type)) plan.push({ name: f.name, map: f.map, repeated: f.repeated, sub: null });
    else if (f.resolvedType instanceof protobuf.Type) plan.push({ name: f.name, map: f.map, repeated: f.repeated, sub: planOf(f.resolvedType) });
  }
  return plan;
}

const toInt64 = (x) => int64(BigInt(x));

/** toObject's output with 64-bit integers as numbers when exact (as decimal strings when not), by the type's plan. */
function jsonSafe(plan, obj) {
  for (let i = 0; i < plan.length; i++) {
    const f = plan[i];
    if (f.sub && f.sub.length === 0) continue; // a message with no 64-bit integer anywhere
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    const one = f.sub ? (x) => jsonSafe(f.sub, x) : toInt64;
    if (f.map) for (const k of Object.keys(v)) v[k] = one(v[k]);
    else if (f.repeated) for (let j = 0; j < v.length; j++) v[j] = one(v[j]);
    else obj[f.name] = one(v);
  }
  return obj;
}

function protobufDecoder(text, references, messageType, framed) {
  const declared = protobufRoot(text, references);
  const names = declared.map(fullName);
  const first = declared.find((t) => !(t.parent instanceof protobuf.Type));
  const byName = new Map(declared.map((t) => [fullName(t), t]));
  const chosen = messageType ? (byName.get(messageType.replace(/^\./, "")) ?? null) : first;
  if (!chosen) throw new Error(`message type "${messageType}" is not in the schema`);
  // Each type's reader made once: its plan and name with it (a search decodes millions of messages).
  const readers = new Map();
  const readerOf = (T) => {
    let r = readers.get(T);
    if (!r) {
      const plan = planOf(T);
      const name = fullName(T);
      r = (bytes) => ({ value: jsonSafe(plan, T.toObject(T.decode(bytes), TO_OBJECT)), messageType: name });
      readers.set(T, r);
    }
    return r;
  };
  const readChosen = readerOf(chosen);
  if (!framed) return readChosen;
  const readFirst = readerOf(first);
  // Registry framing: the message indexes come first ([0] as a single zero byte). Producers that leave them out
  // (the @kafkajs/confluent-schema-registry serializer does) wrote the first message alone: read it that way
  // when the indexes lead nowhere or the rest does not decode.
  return (bytes) => {
    const at = decodeMessageIndexes(bytes);
    const T = at ? byName.get(messageTypeAt(names, at.indexes) ?? "") : undefined;
    if (T && at) {
      try {
        return readerOf(T)(bytes.subarray(at.offset));
      } catch {
        // fall through: not an index array
      }
    }
    return readFirst(bytes);
  };
}

// --- Entry points -----------------------------------------------------------------------------------------

function compile(key, build) {
  let hit = compiled.get(key);
  if (!hit) {
    try {
      hit = { decode: build() };
    } catch (e) {
      hit = { error: message(e) };
    }
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value);
    compiled.set(key, hit);
  }
  return hit;
}

function decoderOf(format, text, references, messageType, framed) {
  if (format === "json-schema") return (bytes) => ({ value: JSON.parse(utf8.decode(bytes)) });
  if (format === "avro") {
    const d = avroDecoder(text, references);
    return (bytes) => ({ value: d(bytes) });
  }
  return protobufDecoder(text, references, messageType, framed);
}

/** A decoder with what it reports: the `with` of each outcome made once per message type, not per message. */
function prepared(entry, what) {
  return { entry, what, withs: new Map() };
}

function run(p, bytes) {
  const { entry, what } = p;
  if (entry.error) return { ok: false, reason: `The schema cannot be used: ${entry.error}`, with: { ...what, error: entry.error } };
  try {
    const r = entry.decode(bytes);
    if (!r.messageType) return { ok: true, value: r.value, with: what };
    let w = p.withs.get(r.messageType);
    if (!w) p.withs.set(r.messageType, (w = { ...what, messageType: r.messageType }));
    return { ok: true, value: r.value, with: w };
  } catch (e) {
    const reason = `Does not decode with ${what.schemaId ? `schema id ${what.schemaId}` : `the ${what.source === "contract" ? "topic's contract" : "pasted schema"}`}: ${message(e)}`;
    return { ok: false, reason, with: { ...what, error: reason } };
  }
}

// What a search's spec resolves to, kept with the spec object (a worker gets one per batch, the main thread one
// per search): the compiled decoder of each registry schema id and of the schemaless key and value, so the
// per-message path does no key building, lookup by schema text, or object spreading.
const bySpec = new WeakMap();
function resolvedOf(spec) {
  let r = bySpec.get(spec);
  if (!r) bySpec.set(spec, (r = { ids: new Map(), value: undefined, key: undefined }));
  return r;
}

function registryDecoder(spec, schemaId) {
  const s = spec.schemas[schemaId];
  if (!s) return null;
  const what = { format: FORMAT_OF[s.schemaType] ?? "avro", source: "registry", schemaId, ...(s.subject ? { subject: s.subject, version: s.version } : {}) };
  if (s.error) return { failed: { ok: false, reason: `Schema id ${schemaId}: ${s.error}`, with: { ...what, error: s.error } } };
  return prepared(compile(`r\u0000${spec.registryKey}\u0000${schemaId}`, () => decoderOf(what.format, s.schema, s.references, undefined, true)), what);
}

function schemalessDecoder(spec, part) {
  const schemaless = spec[part];
  if (!schemaless) return null;
  const what = { format: schemaless.format, source: schemaless.source };
  const key = `s\u0000${schemaless.format}\u0000${schemaless.messageType ?? ""}\u0000${schemaless.text}`;
  return prepared(compile(key, () => decoderOf(schemaless.format, schemaless.text, schemaless.references, schemaless.messageType, false)), what);
}

/**
 * Decodes one key or value (`part`) with the search's decode spec; null when no schema applies to it (it is then
 * shown and filtered as before: JSON, text or bytes).
 */
export function decodePart(spec, part, bytes) {
  if (bytes === null || bytes === undefined) return null;
  const resolved = resolvedOf(spec);
  const framed = spec.registryKey !== null ? unframe(bytes) : null;
  if (framed) {
    let d = resolved.ids.get(framed.schemaId);
    // Kept once the spec has the id's schema (the main thread's spec gains schemas as a search meets new ids).
    if (d === undefined && (d = registryDecoder(spec, framed.schemaId))) resolved.ids.set(framed.schemaId, d);
    if (d) return d.failed ?? run(d, framed.payload);
  }
  let d = resolved[part];
  if (d === undefined) resolved[part] = d = schemalessDecoder(spec, part);
  return d ? run(d, bytes) : null;
}

/** The schema ids of framed bytes (for the main thread to fetch before a batch goes to the workers). */
export function schemaIdOf(bytes) {
  return bytes ? (unframe(bytes)?.schemaId ?? null) : null;
}
