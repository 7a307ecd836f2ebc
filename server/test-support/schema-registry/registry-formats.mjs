// The test Schema Registry's knowledge of schema formats: parse a schema (with its references) the way a
// registry must before it stores it, its canonical text (two texts of one schema get one id), and compatibility
// between two schemas. Plain JavaScript so the registry also runs as a process (scripts/test/schema-registry.mjs).
// It uses the format libraries directly and none of Topiary's code: the registry is the other side of the wire.
//
// Compatibility, per format (reader = the schema that reads data written with the writer schema):
// - AVRO: avsc's schema resolution, `reader.createResolver(writer)`, which throws when the reader cannot read
//   the writer's data (a field without default missing, a type that cannot be promoted, an enum symbol or union
//   branch missing, another name without alias). This is the Avro specification's rule, as Confluent's is.
// - JSON: a structural check of what Confluent's JSON Schema rules catch most often: a property the reader
//   requires that the writer does not; a property whose type changed; a property the writer declares that a
//   closed reader (additionalProperties: false) does not; enum values the reader dropped; recursively in objects.
// - PROTOBUF: for each message type (by full name) in both, each field number in both must keep its type and
//   label; a message type removed, and (proto2) a required field the writer lacks, are incompatible.
import avro from "avsc";
import protobuf from "protobufjs";
import Ajv from "ajv";

export class SchemaProblem extends Error {}

const fail = (message) => {
  throw new SchemaProblem(message);
};

/**
 * Parses a schema of a type with its resolved references ([{ name, schemaType, schema }], dependencies first).
 * Returns { type, canonical, parsed }; throws SchemaProblem with the library's reason.
 */
export function parseSchema(schemaType, text, references = []) {
  if (typeof text !== "string" || !text.trim()) fail("Empty schema");
  switch (schemaType) {
    case "AVRO":
      return { type: schemaType, canonical: compactJson(text, "Avro"), parsed: parseAvro(text, references) };
    case "JSON":
      return { type: schemaType, canonical: compactJson(text, "JSON Schema"), parsed: parseJsonSchema(text, references) };
    case "PROTOBUF":
      return { type: schemaType, canonical: text.trim(), parsed: parseProtobuf(text, references) };
    default:
      return fail(`Invalid schema type ${schemaType}`);
  }
}

function compactJson(text, what) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (e) {
    return fail(`Invalid ${what} schema: ${e.message}`);
  }
}

function parseAvro(text, references) {
  const registry = {};
  try {
    for (const ref of references) avro.Type.forSchema(JSON.parse(ref.schema), { registry });
    return avro.Type.forSchema(JSON.parse(text), { registry });
  } catch (e) {
    return fail(`Invalid Avro schema: ${e.message}`);
  }
}

function parseJsonSchema(text, references) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  try {
    for (const ref of references) ajv.addSchema(JSON.parse(ref.schema), ref.name);
    const schema = JSON.parse(text);
    ajv.compile(schema);
    return schema;
  } catch (e) {
    return fail(`Invalid JSON schema: ${e.message}`);
  }
}

function parseProtobuf(text, references) {
  const root = new protobuf.Root();
  try {
    for (const ref of references) protobuf.parse(ref.schema, root, { keepCase: true });
    protobuf.parse(text, root, { keepCase: true });
    root.resolveAll();
  } catch (e) {
    return fail(`Invalid Protobuf schema: ${e.message}`);
  }
  if (!messages(root).length) fail("Invalid Protobuf schema: it declares no message");
  return root;
}

function messages(ns, out = []) {
  for (const nested of ns.nestedArray ?? []) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace) messages(nested, out);
  }
  return out;
}

/** Why data written with `writer` cannot be read with `reader` (both parsed, one type): [] when it can. */
export function readProblems(type, reader, writer) {
  switch (type) {
    case "AVRO":
      try {
        reader.parsed.createResolver(writer.parsed);
        return [];
      } catch (e) {
        return [avroProblem(e.message)];
      }
    case "JSON":
      return jsonProblems(reader.parsed, writer.parsed, "#");
    case "PROTOBUF":
      return protobufProblems(reader.parsed, writer.parsed);
    default:
      return [];
  }
}

function avroProblem(message) {
  const missing = /no matching field for default-less (\S+)/.exec(message);
  if (missing) return { errorType: "READER_FIELD_MISSING_DEFAULT_VALUE", description: `The field '${missing[1].split(".").pop()}' in the new schema has no default value and is missing in the old schema`, additionalInfo: missing[1] };
  if (/no alias found/.test(message)) return { errorType: "NAME_MISMATCH", description: `The name of the schema has changed (${message})` };
  if (/cannot read "(\w+)" as "\1"/.test(message)) return { errorType: "MISSING_ENUM_SYMBOLS", description: `The new schema is missing enum symbols or union branches (${message})` };
  return { errorType: "TYPE_MISMATCH", description: `The type of a field has changed (${message})` };
}

const typesOf = (s) => (s && typeof s === "object" ? (Array.isArray(s.type) ? [...s.type].sort().join("|") : (s.type ?? (s.properties ? "object" : ""))) : "");

function jsonProblems(reader, writer, path) {
  const out = [];
  if (!reader || !writer || typeof reader !== "object" || typeof writer !== "object") return out;
  const rt = typesOf(reader);
  const wt = typesOf(writer);
  if (rt && wt && rt !== wt) return [{ errorType: "TYPE_CHANGED", description: `The type at ${path} changed from ${wt} to ${rt}` }];
  if (Array.isArray(reader.enum) && Array.isArray(writer.enum)) {
    const gone = writer.enum.filter((v) => !reader.enum.some((r) => JSON.stringify(r) === JSON.stringify(v)));
    if (gone.length) out.push({ errorType: "ENUM_ARRAY_NARROWED", description: `The enum at ${path} no longer holds ${gone.map((v) => JSON.stringify(v)).join(", ")}` });
  }
  const rp = reader.properties ?? {};
  const wp = writer.properties ?? {};
  const wRequired = new Set(writer.required ?? []);
  for (const name of reader.required ?? []) {
    if (!wRequired.has(name)) out.push({ errorType: "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", description: `The property '${name}' at ${path}/properties/${name} is required by the new schema and not by the old one` });
  }
  if (reader.additionalProperties === false) {
    for (const name of Object.keys(wp)) if (!(name in rp)) out.push({ errorType: "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", description: `The property '${name}' at ${path}/properties/${name} was removed from a closed content model` });
  }
  for (const name of Object.keys(rp)) if (name in wp) out.push(...jsonProblems(rp[name], wp[name], `${path}/properties/${name}`));
  if (reader.items && writer.items) out.push(...jsonProblems(reader.items, writer.items, `${path}/items`));
  return out;
}

function protobufProblems(readerRoot, writerRoot) {
  const out = [];
  const readerTypes = new Map(messages(readerRoot).map((t) => [t.fullName, t]));
  for (const w of messages(writerRoot)) {
    const r = readerTypes.get(w.fullName);
    if (!r) {
      out.push({ errorType: "MESSAGE_REMOVED", description: `The message ${w.fullName.slice(1)} was removed` });
      continue;
    }
    for (const wf of w.fieldsArray) {
      const rf = r.fieldsById[wf.id];
      if (!rf) continue;
      if (rf.type !== wf.type || rf.repeated !== wf.repeated || rf.map !== wf.map) {
        out.push({ errorType: "FIELD_SCALAR_KIND_CHANGED", description: `The type of field ${wf.id} of ${w.fullName.slice(1)} changed from ${wf.repeated ? "repeated " : ""}${wf.type} to ${rf.repeated ? "repeated " : ""}${rf.type}` });
      }
    }
    for (const rf of r.fieldsArray) {
      if (rf.required && !w.fieldsById[rf.id]) out.push({ errorType: "REQUIRED_FIELD_ADDED", description: `The required field ${rf.name} (${rf.id}) of ${r.fullName.slice(1)} is not in the old schema` });
    }
  }
  return out;
}

export const COMPATIBILITY_LEVELS = ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"];

/**
 * Problems of `candidate` against earlier schemas (newest last) under a level: BACKWARD — the candidate reads
 * what they wrote; FORWARD — they read what it writes; FULL — both; _TRANSITIVE — every earlier one, else the newest.
 */
export function compatibilityProblems(level, candidate, earlier) {
  if (level === "NONE" || !earlier.length) return [];
  const against = level.endsWith("_TRANSITIVE") ? earlier : earlier.slice(-1);
  const backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
  const forward = level.startsWith("FORWARD") || level.startsWith("FULL");
  const out = [];
  for (const old of [...against].reverse()) {
    const found = [...(backward ? readProblems(candidate.type, candidate, old.parsed) : []), ...(forward ? readProblems(candidate.type, old.parsed, candidate) : [])];
    if (found.length) {
      out.push(...found.map(formatProblem), `{oldSchemaVersion: ${old.version}}`, `{oldSchema: '${old.parsed.canonical}'}`, `{compatibility: '${level}'}`);
      break;
    }
  }
  return out;
}

/** One problem the way Confluent's verbose messages print it. */
function formatProblem(p) {
  return `{errorType:"${p.errorType}", description:"${p.description}"${p.additionalInfo ? `, additionalInfo:"${p.additionalInfo}"` : ""}}`;
}
