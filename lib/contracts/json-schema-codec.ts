import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from "ajv";
import type { RegExpEngine } from "ajv/dist/types";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { compileUserPattern } from "../text/user-pattern";
import { MAX_VALUE_PROBLEMS, type CompileResult, type FieldInfo, type FieldList, type SchemaCodec, type ValueProblem } from "./codec-types";
import { errorMessage, pointerToPath } from "./json-safe";
import { parseJsonText, pointerPosition } from "./json-text";

// JSON Schema (draft-07 by default, as AsyncAPI's Schema Object; 2019-09 and 2020-12 when `$schema` says so),
// validated by Ajv. Patterns (`pattern`, `patternProperties`) run on RE2 through lib/text/user-pattern.ts, so a
// schema cannot make validation take exponential time. Keywords Ajv does not know (AsyncAPI's `discriminator`,
// `x-*` extensions, `examples`) are allowed. `$ref`s resolve inside the schema only: nothing is fetched.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Ajv compiles patterns with this engine: RE2 semantics, linear time. */
const re2: RegExpEngine = Object.assign((pattern: string) => compileUserPattern(pattern), { code: "re2" });

function ajvFor(schema: unknown) {
  const dialect = isObj(schema) && typeof schema.$schema === "string" ? schema.$schema : "";
  const opts = { strict: false, allErrors: true, code: { regExp: re2 }, validateFormats: true } as const;
  if (/draft-0[346]\b/.test(dialect)) throw new Error(`${dialect} is not supported here: use draft-07, 2019-09 or 2020-12`);
  const ajv = dialect.includes("2020-12") ? new Ajv2020(opts) : dialect.includes("2019-09") ? new Ajv2019(opts) : new Ajv(opts);
  addFormats(ajv);
  return ajv;
}

export function compileJsonSchema(text: string): CompileResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problem: { message: `Not valid JSON: ${parsed.message}`, ...parsed.position } };
  const schema = parsed.value;
  if (!isObj(schema) && typeof schema !== "boolean") return { ok: false, problem: { message: "A JSON Schema is an object (or true or false)", line: 1, column: 1 } };
  let validate: ValidateFunction;
  try {
    const ajv = ajvFor(schema);
    if (!ajv.validateSchema(schema as AnySchema)) {
      const first = ajv.errors?.[0];
      const at = first?.instancePath ?? "";
      return { ok: false, problem: { message: `${at ? `At ${at}: ` : ""}${first?.message ?? "not a valid schema"}`, ...pointerPosition(text, at) } };
    }
    validate = ajv.compile(schema as AnySchema);
  } catch (e) {
    return { ok: false, problem: { message: schemaErrorMessage(e) } };
  }
  const check = (value: unknown): ValueProblem[] => (validate(value) ? [] : toProblems(validate.errors ?? []));
  return {
    ok: true,
    codec: {
      format: "json-schema",
      fields: jsonSchemaFields(schema),
      messageTypes: [],
      validate: check,
      encode(value) {
        const problems = check(value);
        if (problems.length) return { ok: false, reason: "The value does not match the schema", problems };
        return { ok: true, bytes: new TextEncoder().encode(JSON.stringify(value)) };
      },
      decode(bytes) {
        let text: string;
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          return { ok: false, reason: "Not UTF-8 text, so not JSON" };
        }
        try {
          const value: unknown = JSON.parse(text);
          return { ok: true, value, problems: check(value) };
        } catch (e) {
          return { ok: false, reason: `Not JSON: ${errorMessage(e)}` };
        }
      },
    } satisfies SchemaCodec,
  };
}

function schemaErrorMessage(e: unknown): string {
  const message = errorMessage(e);
  const ref = /can't resolve reference (\S+)/.exec(message);
  if (ref) return `$ref ${ref[1]} points nowhere in this schema (only references inside the schema are followed)`;
  return message;
}

function toProblems(errors: ErrorObject[]): ValueProblem[] {
  const out: ValueProblem[] = [];
  for (const e of errors) {
    if (out.length >= MAX_VALUE_PROBLEMS) break;
    let path = e.instancePath;
    let message = e.message ?? "does not match";
    if (e.keyword === "required" && typeof e.params.missingProperty === "string") {
      path += `/${e.params.missingProperty.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      message = "is required";
    } else if (e.keyword === "additionalProperties" && typeof e.params.additionalProperty === "string") {
      path += `/${e.params.additionalProperty.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      message = "is not allowed here";
    }
    out.push({ path: pointerToPath(path), message });
  }
  return out;
}

/** The schema a local `$ref` ("#/definitions/X", "#/$defs/X") points to, or undefined. */
function localRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObj(at) && !Array.isArray(at)) return undefined;
    at = (at as Json)[key];
  }
  return at;
}

/** A short name for a schema's type, for display. */
export function jsonSchemaTypeName(s: unknown, depth = 0): string {
  if (s === true || (isObj(s) && !Object.keys(s).length)) return "any";
  if (!isObj(s) || depth > 3) return "?";
  if (typeof s.$ref === "string") return decodeURIComponent(s.$ref.split("/").pop() ?? s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return "enum";
  for (const k of ["oneOf", "anyOf"] as const) {
    if (Array.isArray(s[k])) return (s[k] as unknown[]).map((m) => jsonSchemaTypeName(m, depth + 1)).join(" | ");
  }
  const types = Array.isArray(s.type) ? (s.type as unknown[]).filter((t): t is string => typeof t === "string") : typeof s.type === "string" ? [s.type] : [];
  const named = types.map((t) => (t === "array" ? `${s.items !== undefined && !Array.isArray(s.items) ? jsonSchemaTypeName(s.items, depth + 1) : "any"}[]` : t === "string" && typeof s.format === "string" ? `string<${s.format}>` : t));
  if (named.length) return named.join(" | ");
  if (isObj(s.properties)) return "object";
  return "any";
}

function jsonSchemaFields(schema: unknown): FieldList {
  // The top level may be a `$ref` to a definition, or an allOf of object parts.
  let root = schema;
  for (let i = 0; i < 5 && isObj(root) && typeof root.$ref === "string"; i++) root = localRef(schema, root.$ref);
  if (!isObj(root)) return { root: jsonSchemaTypeName(root), fields: [] };
  const parts = [root, ...(Array.isArray(root.allOf) ? root.allOf.map((p) => (isObj(p) && typeof p.$ref === "string" ? localRef(schema, p.$ref) : p)) : [])];
  const fields: FieldInfo[] = [];
  const seen = new Set<string>();
  const required = new Set<string>();
  for (const part of parts) if (isObj(part) && Array.isArray(part.required)) for (const r of part.required) if (typeof r === "string") required.add(r);
  for (const part of parts) {
    if (!isObj(part) || !isObj(part.properties)) continue;
    for (const [name, prop] of Object.entries(part.properties)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const type = jsonSchemaTypeName(prop);
      const nullable = isObj(prop) && (type.split(" | ").includes("null") || prop.nullable === true);
      fields.push({ name, type, optional: !required.has(name) || nullable });
    }
  }
  const title = typeof root.title === "string" && root.title ? ` ${root.title}` : "";
  return { root: fields.length || isObj(root.properties) ? `object${title}` : jsonSchemaTypeName(root), fields };
}
