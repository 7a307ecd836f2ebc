import "server-only";
import { Parser, type Diagnostic } from "@asyncapi/parser";
import YAML from "yaml";
import { asyncApiToTopology, isSupportedAsyncApiVersion, SUPPORTED_ASYNCAPI_VERSIONS } from "@/lib/designs/asyncapi-import";
import type { Topology } from "@/lib/designs/design-schema";
import { AppError } from "@/lib/errors/app-error";

export const MAX_ASYNCAPI_BYTES = 2 * 1024 * 1024;
const SHOWN_DIAGNOSTICS = 3;
const ERROR = 0;

// Left to itself the parser follows `$ref`s to local files and URLs, and quotes what it read in its
// diagnostics: an uploaded document could read the server's files or reach its network. parseAsyncApi
// refuses external references before parsing; these resolvers are the fallback should one slip past. They
// run before the parser's own (a resolver that throws would hand over to those), and answer with text that
// is not YAML, so the reference fails instead of being read.
const refuse = (schema: string) => ({ schema, order: 1, read: () => "{" });

let parser: Parser | undefined;
function getParser(): Parser {
  parser ??= new Parser({ __unstable: { resolver: { cache: false, resolvers: ["file", "http", "https"].map(refuse) } } });
  return parser;
}

/** Validates an uploaded AsyncAPI document (YAML or JSON, 3.0.x or 2.6.x) and maps it to a design topology. */
export async function parseAsyncApi(text: string): Promise<{ topology: Topology; warnings: string[]; version: string }> {
  if (Buffer.byteLength(text, "utf8") > MAX_ASYNCAPI_BYTES) {
    throw new AppError("VALIDATION", { userMessage: `The file is larger than ${MAX_ASYNCAPI_BYTES / 1024 / 1024} MB` });
  }
  const raw = readYamlOrJson(text);
  const version = raw.asyncapi;
  if (version !== undefined && !isSupportedAsyncApiVersion(version)) {
    throw new AppError("VALIDATION", { userMessage: `AsyncAPI version ${JSON.stringify(version)} is not supported: Topiary reads ${SUPPORTED_ASYNCAPI_VERSIONS}` });
  }
  const external = externalReferences(raw);
  if (external.length) {
    throw new AppError("VALIDATION", {
      userMessage: `The document refers to other files or URLs (${external.slice(0, SHOWN_DIAGNOSTICS).join(", ")}): put everything in one file with references inside it ("#/…")`,
    });
  }

  const { document, diagnostics } = await getParser().parse(text);
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  if (errors.length || !document) {
    throw new AppError("VALIDATION", {
      message: `AsyncAPI document refused with ${errors.length} error(s)`,
      userMessage: `Not a valid AsyncAPI document: ${describe(errors)}`,
    });
  }
  const { topology, warnings } = asyncApiToTopology(document.json());
  return { topology, warnings, version: document.version() };
}

function readYamlOrJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    // JSON first: a JSON file indented with tabs is not always valid YAML.
    value = /^\s*[{[]/.test(text) ? tryJson(text) : undefined;
    value ??= YAML.parse(text, { merge: true, maxAliasCount: 100 });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0].replace(/:$/, "") : String(e);
    throw new AppError("VALIDATION", { userMessage: `Not a valid AsyncAPI document: the file is neither YAML nor JSON (${reason})`, cause: e });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("VALIDATION", { userMessage: 'Not a valid AsyncAPI document: it must be a YAML or JSON object with an "asyncapi" field' });
  }
  return value as Record<string, unknown>;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `$ref` values that point outside the document. Iterative: a deeply nested upload must not blow the stack. */
function externalReferences(root: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!Array.isArray(value)) {
      const ref = (value as Record<string, unknown>).$ref;
      if (typeof ref === "string" && !ref.startsWith("#")) found.add(ref);
    }
    for (const child of Object.values(value)) stack.push(child);
  }
  return [...found];
}

function describe(errors: Diagnostic[]): string {
  if (!errors.length) return "the parser gave no document";
  const lines = [...new Set(errors.map((d) => `${pointer(d.path)}: ${d.message}`))];
  const shown = lines.slice(0, SHOWN_DIAGNOSTICS).join("; ");
  return lines.length > SHOWN_DIAGNOSTICS ? `${shown} (and ${lines.length - SHOWN_DIAGNOSTICS} more)` : shown;
}

function pointer(path: readonly (string | number)[]): string {
  return path.length ? "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/") : "/";
}
