// Reading an AsyncAPI document as plain JSON, references included: the importer reads the document as written
// (not the parser's resolved copy, whose objects carry `x-parser-*` keys and whose recursive schemas are
// cycles), following `$ref`s inside the document as it goes. References to other files were resolved before
// (asyncapi-file-set.ts).

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
export const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function entries(value: unknown): [string, unknown][] {
  return isObj(value) ? Object.entries(value) : [];
}

export function integer(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerSegments(pointer: string): string[] {
  return pointer ? pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
}

/** The value at a JSON pointer ("/components/schemas/Order"; "" for the root), or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(at) && /^\d+$/.test(segment)) at = at[Number(segment)];
    else if (isObj(at)) at = Object.prototype.hasOwnProperty.call(at, segment) ? at[segment] : undefined;
    else return undefined;
  }
  return at;
}

/** The pointer of a reference inside the document ("#/a/b" → "/a/b"), or undefined for any other reference. */
export function internalPointer(ref: string): string | undefined {
  if (ref === "#") return "";
  if (!ref.startsWith("#/")) return undefined;
  try {
    return decodeURI(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}

export interface Located {
  value: unknown;
  /** Where the value is in the document (after following references), when known. */
  pointer?: string;
}

const MAX_HOPS = 32;

/**
 * The value a `{ $ref: "#/…" }` leads to (through chains of references), with its pointer; any other value is
 * itself, at `at`. A reference that leads nowhere, out of the document or round in a circle gives undefined.
 */
export function follow(root: unknown, value: unknown, at?: string): Located {
  let current = value;
  let pointer = at;
  for (let hops = 0; isObj(current) && typeof current.$ref === "string"; hops++) {
    const target = internalPointer(current.$ref);
    if (target === undefined || hops >= MAX_HOPS) return { value: undefined };
    pointer = target;
    current = valueAt(root, target);
  }
  return { value: current, pointer };
}

/** `follow` for the value only. */
export function deref(root: unknown, value: unknown): unknown {
  return follow(root, value).value;
}

/** The Kafka binding of a channel, operation or message (bindings and the binding may be references). */
export function kafkaBinding(root: unknown, holder: Json): Json | undefined {
  const bindings = deref(root, holder.bindings);
  const kafka = isObj(bindings) ? deref(root, bindings.kafka) : undefined;
  return isObj(kafka) ? kafka : undefined;
}

/** A Kafka binding's groupId/clientId: a schema object (`const`, `enum` or `default`), or a bare string in older files. */
export function schemaString(value: unknown): string | undefined {
  if (typeof value === "string") return nonEmpty(value);
  if (!isObj(value)) return undefined;
  if (value.const !== undefined) return nonEmpty(value.const);
  if (Array.isArray(value.enum)) return nonEmpty(value.enum.find((v) => typeof v === "string"));
  return nonEmpty(value.default) ?? (Array.isArray(value.examples) ? nonEmpty(value.examples.find((v) => typeof v === "string")) : undefined);
}

/**
 * An object with its traits applied (operation and message traits): each trait's fields that the object does
 * not set, objects merged key by key, the object's own values winning, as the AsyncAPI trait merge says.
 */
export function withTraits(root: unknown, obj: Json): Json {
  const traits = deref(root, obj.traits);
  if (!Array.isArray(traits) || !traits.length) return obj;
  let out: Json = { ...obj };
  for (const t of traits) {
    // AsyncAPI 2.x message traits may be given as [trait, bindingsOverride] pairs; the trait is the first.
    const trait = deref(root, Array.isArray(t) ? t[0] : t);
    if (isObj(trait)) out = mergeUnder(root, out, trait, 0);
  }
  delete out.traits;
  return out;
}

function mergeUnder(root: unknown, own: Json, trait: Json, depth: number): Json {
  const out: Json = { ...own };
  for (const [key, value] of Object.entries(trait)) {
    const mine = out[key] === undefined ? undefined : depth < 8 ? deref(root, out[key]) : out[key];
    const theirs = depth < 8 ? deref(root, value) : value;
    if (mine === undefined) out[key] = theirs;
    else if (isObj(mine) && isObj(theirs)) out[key] = mergeUnder(root, mine, theirs, depth + 1);
  }
  return out;
}
