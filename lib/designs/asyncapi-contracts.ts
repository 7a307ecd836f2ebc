import type { Contract, SchemaFormat, SchemaSpec } from "../contracts/contract-schema";
import { compileSchemaCached } from "../contracts/schema-codec";
import { escapePointer, follow, internalPointer, isObj, kafkaBinding, nonEmpty, valueAt, type Json } from "./asyncapi-json";

// Contracts as AsyncAPI message payloads, both ways. A JSON Schema is the payload itself (AsyncAPI's Schema
// Object is a superset of draft-07); Avro and Protobuf are Multi Format Schema Objects with their
// `schemaFormat`. The key is the Kafka message binding's `key`, in the same two forms (inline: a `$ref` there fails
// the specification's own JSON Schema). References inside a JSON Schema ("#/$defs/X")
// are rewritten to where the schema sits in the document and back. When the text is not the canonical JSON of
// the schema, `x-topiary-<part>-text` keeps it, used on import only while it still says the same schema.

export const SCHEMA_FORMAT_IDS = {
  avro: "application/vnd.apache.avro;version=1.9.0",
  protobuf3: "application/vnd.google.protobuf;version=3",
  protobuf2: "application/vnd.google.protobuf;version=2",
} as const;

export const CONTRACT_X = {
  /** On a channel: a contract that cannot be said as payloads (its schema does not compile yet). */
  contract: "x-topiary-contract",
  valueText: "x-topiary-value-text",
  keyText: "x-topiary-key-text",
  messageType: "x-topiary-message-type",
} as const;

const CONTENT_TYPE: Record<SchemaFormat, string> = { "json-schema": "application/json", avro: "avro/binary", protobuf: "application/x-protobuf" };

type Part = "value" | "key";

/** The format a `schemaFormat` names, null for formats contracts do not hold; undefined means the default (JSON Schema). */
export function formatOf(schemaFormat: unknown): SchemaFormat | null | undefined {
  if (schemaFormat === undefined) return undefined;
  if (typeof schemaFormat !== "string") return null;
  const id = schemaFormat.trim().toLowerCase();
  if (/^application\/vnd\.aai\.asyncapi(\+json|\+yaml)?(;|$)/.test(id) || /^application\/schema(\+json|\+yaml)?(;|$)/.test(id)) return "json-schema";
  if (/^application\/vnd\.apache\.avro(\+json|\+yaml)?(;|$)/.test(id)) return "avro";
  if (/^application\/(vnd\.google\.protobuf|x-protobuf|protobuf)(;|$)/.test(id)) return "protobuf";
  return null;
}

// ---- export ----

function protobufVersion(text: string): string {
  const m = /^\s*syntax\s*=\s*["']proto(\d)["']/m.exec(text);
  return m?.[1] === "3" || /^\s*edition\s*=/m.test(text) ? SCHEMA_FORMAT_IDS.protobuf3 : SCHEMA_FORMAT_IDS.protobuf2;
}

/** Every `$ref` inside the schema ("#/…") moved under `base`, where the schema sits in the document (bundleJsonSchema moves them back). */
function rebaseRefs(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rebaseRefs(v, base));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$ref" && typeof v === "string" && (v === "#" || v.startsWith("#/"))) out[k] = `#${base}${v.slice(1)}`;
    else out[k] = rebaseRefs(v, base);
  }
  return out;
}

/** The schema as AsyncAPI says it, placed at `pointer`; null when the text does not compile (the caller keeps it elsewhere). */
function schemaForDocument(spec: SchemaSpec, pointer: string): Json | boolean | null {
  if (!compileSchemaCached(spec).ok) return null;
  if (spec.format === "protobuf") {
    const out: Json = { schemaFormat: protobufVersion(spec.text), schema: spec.text };
    if (spec.messageType) out[CONTRACT_X.messageType] = spec.messageType;
    return out;
  }
  const parsed = JSON.parse(spec.text) as unknown;
  if (spec.format === "avro") return { schemaFormat: SCHEMA_FORMAT_IDS.avro, schema: parsed };
  return rebaseRefs(parsed, pointer) as Json | boolean;
}

function canonicalText(spec: SchemaSpec): string {
  return spec.format === "protobuf" ? spec.text : JSON.stringify(JSON.parse(spec.text), null, 2);
}

/**
 * The channel message that carries a contract, for the message at `messagePointer` ("/channels/c/messages/m");
 * null when a part does not compile (then the whole contract goes in the channel's `x-topiary-contract`).
 */
export function contractMessage(contract: Contract, messagePointer: string, name: string): Json | null {
  const payload = schemaForDocument(contract.value, `${messagePointer}/payload`);
  if (payload === null) return null;
  const message: Json = { name, contentType: CONTENT_TYPE[contract.value.format], payload };
  if (contract.key) {
    // Inline, Avro and Protobuf too: a binding's key is a Schema Object, and a `$ref` there fails the
    // specification's JSON Schema (it matches both branches of its oneOf).
    const key = schemaForDocument(contract.key, `${messagePointer}/bindings/kafka/key`);
    if (key === null) return null;
    message.bindings = { kafka: { key, bindingVersion: "0.5.0" } };
  }
  for (const part of ["value", "key"] as const) {
    const spec = contract[part];
    if (spec && spec.format !== "protobuf" && canonicalText(spec) !== spec.text) message[part === "value" ? CONTRACT_X.valueText : CONTRACT_X.keyText] = spec.text;
  }
  return message;
}

/** A name for the contract's message: the record, message or schema title it describes. */
export function contractMessageName(contract: Contract): string {
  const result = compileSchemaCached(contract.value);
  const root = result.ok ? result.codec.fields.root : "";
  const name = /^(?:record|message|object) (\S+)$/.exec(root)?.[1]?.split(".").pop();
  return name && /^[A-Za-z0-9_.-]+$/.test(name) ? name : "message";
}

// ---- import ----

export interface ReadContext {
  root: unknown;
  warnings: string[];
  /** AsyncAPI 2.x: the message's own `schemaFormat` applies to its payload. */
  messageSchemaFormat?: unknown;
}

/** A message's contract (its payload, and its Kafka binding's key), or undefined when it has no payload. */
export function messageContract(ctx: ReadContext, message: Json, messagePointer: string | undefined, label: string): Contract | undefined {
  const value = readSchema(ctx, message.payload, messagePointer && `${messagePointer}/payload`, "value", label, message[CONTRACT_X.valueText], ctx.messageSchemaFormat);
  if (!value) return undefined;
  const kafka = kafkaBinding(ctx.root, message);
  const key = kafka?.key === undefined ? undefined : readSchema(ctx, kafka.key, messagePointer && `${messagePointer}/bindings/kafka/key`, "key", label, message[CONTRACT_X.keyText], undefined, true);
  return key ? { value, key } : { value };
}

function readSchema(ctx: ReadContext, raw: unknown, at: string | undefined, part: Part, label: string, textExt: unknown, outerFormat: unknown, isKey = false): SchemaSpec | undefined {
  const located = follow(ctx.root, raw, at);
  let schema = located.value;
  let pointer = located.pointer;
  if (schema === undefined) return undefined;
  let given = outerFormat;
  let messageType: string | undefined;
  // A Multi Format Schema Object (3.x): its own format, its schema inside.
  if (isObj(schema) && "schema" in schema && (schema.schemaFormat !== undefined || outerFormat === undefined)) {
    given = schema.schemaFormat;
    messageType = nonEmpty(schema[CONTRACT_X.messageType]);
    const inner = follow(ctx.root, schema.schema, pointer && `${pointer}/schema`);
    schema = inner.value;
    pointer = inner.pointer;
  }
  let format = formatOf(given);
  if (format === null) {
    ctx.warnings.push(`${label}: the ${part} schema's format ${JSON.stringify(given)} is not one Topiary's contracts hold (JSON Schema, Avro, Protobuf): it was left out`);
    return undefined;
  }
  format ??= isKey && looksLikeAvro(schema) ? "avro" : "json-schema";
  let text: string;
  if (format === "protobuf") {
    if (typeof schema !== "string") {
      ctx.warnings.push(`${label}: the ${part} schema is Protobuf but not .proto text: it was left out`);
      return undefined;
    }
    text = schema;
  } else {
    // A JSON text inside a string (Avro schemas are often written so) is the schema's text itself.
    if (typeof schema === "string" && /^\s*[[{"]/.test(schema)) return withMessageType({ format, text: schema }, messageType);
    const value = format === "json-schema" ? bundleJsonSchema(ctx.root, schema, pointer) : schema;
    text = JSON.stringify(value, null, 2) ?? "null";
    if (typeof textExt === "string" && sameJson(textExt, value)) text = textExt;
  }
  return withMessageType({ format, text }, messageType);
}

function withMessageType(spec: SchemaSpec, messageType: string | undefined): SchemaSpec {
  return spec.format === "protobuf" && messageType ? { ...spec, messageType } : spec;
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

const AVRO_ONLY = new Set(["record", "enum", "fixed", "int", "long", "float", "double", "bytes", "map"]);
function looksLikeAvro(schema: unknown): boolean {
  if (typeof schema === "string" || Array.isArray(schema)) return true;
  return isObj(schema) && typeof schema.type === "string" && AVRO_ONLY.has(schema.type);
}

const MAX_BUNDLED = 500;

/**
 * A JSON Schema found at `pointer` made self-contained: references into itself become "#/…" again, and the
 * document's other schemas it refers to (components) are copied into its `definitions` (`$defs` for 2019-09
 * and later) under their names.
 */
export function bundleJsonSchema(root: unknown, schema: unknown, pointer: string | undefined): unknown {
  if (!isObj(schema)) return schema;
  const modern = "$defs" in schema || (typeof schema.$schema === "string" && /20(19|20)-/.test(schema.$schema));
  const defsKey = modern ? "$defs" : "definitions";
  const existing = isObj(schema[defsKey]) ? schema[defsKey] : {};
  const added: Json = {};
  const placed = new Map<string, string>(); // document pointer → pointer inside the bundled schema
  const queue: { source: string; target: string }[] = [];
  const names = new Set(Object.keys(existing));
  if (pointer !== undefined) placed.set(pointer, "");

  const place = (docPointer: string): string | undefined => {
    // The longest placed prefix wins: a reference into a copied schema's inside lands inside the copy.
    let best: string | undefined;
    for (const p of placed.keys()) if ((docPointer === p || docPointer.startsWith(`${p}/`)) && (best === undefined || p.length > best.length)) best = p;
    if (best !== undefined) return placed.get(best)! + docPointer.slice(best.length);
    if (placed.size > MAX_BUNDLED || valueAt(root, docPointer) === undefined) return undefined;
    const base = docPointer.split("/").pop()!.replace(/~1/g, "/").replace(/~0/g, "~") || "schema";
    let name = base;
    for (let i = 2; names.has(name); i++) name = `${base}${i}`;
    names.add(name);
    const target = `/${defsKey}/${escapePointer(name)}`;
    placed.set(docPointer, target);
    queue.push({ source: docPointer, target: name });
    return target;
  };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObj(value)) return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string" && internalPointer(v) !== undefined) {
        const local = place(internalPointer(v)!);
        out[k] = local === undefined ? v : `#${local}`;
      } else out[k] = rewrite(v);
    }
    return out;
  };
  const top = rewrite(schema) as Json;
  while (queue.length) {
    const { source, target } = queue.shift()!;
    added[target] = rewrite(valueAt(root, source));
  }
  if (!Object.keys(added).length) return top;
  return { ...top, [defsKey]: { ...(isObj(top[defsKey]) ? top[defsKey] : {}), ...added } };
}
