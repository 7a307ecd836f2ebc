import type { SchemaFormat } from "../contracts/contract-schema";

// What a Schema Registry's verbose compatibility answer says, per breaking change, with the field it is about
// (issue 19, item 6). Confluent's registry answers POST /compatibility/subjects/{s}/versions/latest?verbose=true
// with messages such as
//   {errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/2' in the
//    new schema has no default value and is missing in the old schema', additionalInfo:'email'}
// followed by {oldSchemaVersion: 1}, {oldSchema: '…'} and {compatibility: 'BACKWARD'}. The field is named in the
// description, or only by a path into one of the schemas (Avro '/fields/1/type', JSON Schema
// '#/properties/a/properties/b', Protobuf '#/Order/2' with a field number), which is resolved here against the
// schema texts. Quotes vary between registries (single or double), so the reading is forgiving: a message it
// cannot place still comes back, whole, with no field.

export interface BreakingChange {
  /** The registry's kind of incompatibility ("READER_FIELD_MISSING_DEFAULT_VALUE"), when it says. */
  errorType: string | null;
  /** The field it is about, as a path ("customer.email", "lines[].qty"), when the message places it. */
  field: string | null;
  /** The registry's description (or the whole message when it has none). */
  reason: string;
}

export interface CompatibilityContext {
  format: SchemaFormat;
  /** The schema being checked (the design's contract). */
  newText: string;
  /** The subject's version it was checked against, when known. */
  oldText?: string;
}

const META = /^\{\s*(oldSchemaVersion|oldSchema|compatibility|validateFields)\s*:/;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const parse = (text: string | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The text of `key:'…'` or `key:"…"` in a message, up to the next `, otherKey:` or the closing brace. */
function quoted(message: string, key: string): string | null {
  const m = new RegExp(`${key}\\s*:\\s*(['"])([\\s\\S]*?)\\1\\s*(?:,\\s*[A-Za-z]+\\s*:|\\}\\s*$)`).exec(message);
  return m ? m[2] : null;
}

/** A path of Avro field names from a pointer into an Avro schema ("/fields/1/type/fields/0" → "customer.name"). */
function avroPath(schema: unknown, pointer: string): string | null {
  const segs = pointer.replace(/^#/, "").split("/").filter(Boolean);
  const names: string[] = [];
  let at: unknown = schema;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (Array.isArray(at)) at = at[Number(s)];
    else if (isObj(at)) at = at[s];
    else break;
    if (segs[i - 1] === "fields" && isObj(at) && typeof at.name === "string") names.push(at.name);
  }
  return names.length ? names.join(".") : null;
}

/** "#/properties/lines/items/properties/qty" → "lines[].qty". */
function jsonPath(pointer: string): string | null {
  const segs = pointer.replace(/^#/, "").split("/").filter(Boolean);
  let out = "";
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === "properties" && segs[i + 1] !== undefined) out += (out ? "." : "") + segs[++i].replace(/~1/g, "/").replace(/~0/g, "~");
    else if (segs[i] === "items") out += "[]";
  }
  return out || null;
}

/** A Protobuf field by message name and number, from the .proto text ("Order", 2 → "customer_id"). */
function protobufField(text: string | undefined, message: string, num: number): string | null {
  if (!text) return null;
  const short = message.split(".").pop() ?? message;
  // The name comes from the registry's message: only a Protobuf identifier goes into the pattern.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(short)) return null;
  const body = new RegExp(`message\\s+${short}\\s*\\{([\\s\\S]*?)\\}`).exec(text)?.[1];
  if (!body) return null;
  const field = new RegExp(`(\\w+)\\s*=\\s*${num}\\s*[;\\[]`).exec(body);
  return field ? field[1] : null;
}

function fieldOf(description: string, additionalInfo: string | null, ctx: CompatibilityContext): string | null {
  const named = /\bfield '([^']+)'/i.exec(description) ?? /\bproperty '([^'#]+)'/i.exec(description) ?? /\brequired field (\w+)/i.exec(description);
  if (named) return named[1].split(".").pop() ?? named[1];
  const pointer = /path '([^']+)'/.exec(description)?.[1] ?? /(#\/properties\/[^\s'",]+)/.exec(description)?.[1] ?? null;
  if (pointer) {
    if (ctx.format === "avro") return avroPath(parse(ctx.newText), pointer) ?? avroPath(parse(ctx.oldText), pointer);
    if (ctx.format === "json-schema") return jsonPath(pointer);
    const pb = /^#\/([\w.]+)\/(\d+)/.exec(pointer);
    if (pb) return protobufField(ctx.newText, pb[1], Number(pb[2])) ?? protobufField(ctx.oldText, pb[1], Number(pb[2])) ?? `${pb[1]} field ${pb[2]}`;
  }
  const pbField = /\bfield (\d+) of ([\w.]+)/.exec(description);
  if (pbField) return protobufField(ctx.newText, pbField[2], Number(pbField[1])) ?? protobufField(ctx.oldText, pbField[2], Number(pbField[1])) ?? `field ${pbField[1]}`;
  if (additionalInfo && /^[\w.$]+$/.test(additionalInfo)) return additionalInfo.split(".").pop() ?? additionalInfo;
  return null;
}

/** The breaking changes a registry's verbose compatibility messages describe, each with its field when placed. */
export function breakingChanges(messages: readonly string[], ctx: CompatibilityContext): BreakingChange[] {
  const out: BreakingChange[] = [];
  for (const raw of messages) {
    const message = raw.trim();
    if (!message || META.test(message)) continue;
    const errorType = /errorType\s*:\s*['"]?([A-Z_]+)/.exec(message)?.[1] ?? null;
    const description = quoted(message, "description");
    const additionalInfo = quoted(message, "additionalInfo");
    const reason = description ?? message;
    out.push({ errorType, field: fieldOf(reason, additionalInfo, ctx), reason });
  }
  return out;
}

/** One line for a plan's refusal: 'field "email": The field 'email' … (READER_FIELD_MISSING_DEFAULT_VALUE)'. */
export function describeBreakingChange(b: BreakingChange): string {
  return `${b.field ? `field "${b.field}": ` : ""}${b.reason}${b.errorType && !b.reason.includes(b.errorType) ? ` (${b.errorType})` : ""}`;
}
