import "server-only";
import { Parser, type Diagnostic } from "@asyncapi/parser";
import YAML from "yaml";
import { bundleDocument, findEntry, indexFiles, normalizePath, type SourceFile } from "@/lib/designs/asyncapi-file-set";
import { asyncApiToTopology, isSupportedAsyncApiVersion, SUPPORTED_ASYNCAPI_VERSIONS } from "@/lib/designs/asyncapi-import";
import type { Topology } from "@/lib/designs/design-schema";
import { AppError } from "@/lib/errors/app-error";

export const MAX_ASYNCAPI_BYTES = 2 * 1024 * 1024;
const SHOWN_DIAGNOSTICS = 3;
const ERROR = 0;

// Left to itself the parser follows `$ref`s to local files and URLs, and quotes what it read in its
// diagnostics: an uploaded document could read the server's files or reach its network. References to other
// files are resolved inside the uploaded set before parsing (and any other refused); these resolvers are the
// fallback should one slip past. They
// run before the parser's own (a resolver that throws would hand over to those), and answer with text that
// is not YAML, so the reference fails instead of being read.
const refuse = (schema: string) => ({ schema, order: 1, read: () => "{" });

let parser: Parser | undefined;
function getParser(): Parser {
  parser ??= new Parser({ __unstable: { resolver: { cache: false, resolvers: ["file", "http", "https"].map(refuse) } } });
  return parser;
}

export interface ParsedAsyncApi {
  topology: Topology;
  warnings: string[];
  version: string;
  /** The document's info.title, when it has one. */
  title?: string;
  /** The file of the set that holds the document. */
  entry: string;
}

/** Validates an uploaded AsyncAPI document (YAML or JSON, 3.1.x, 3.0.x or 2.6.x) and maps it to a design topology. */
export async function parseAsyncApi(text: string, fileName = "asyncapi.yaml"): Promise<ParsedAsyncApi> {
  if (Buffer.byteLength(text, "utf8") > MAX_ASYNCAPI_BYTES) {
    throw new AppError("VALIDATION", { userMessage: `The file is larger than ${MAX_ASYNCAPI_BYTES / 1024 / 1024} MB` });
  }
  const path = normalizePath(fileName) || "asyncapi.yaml";
  return parseDocument(indexFiles([{ path, text }]), { path, document: readYamlOrJson(text) });
}

/**
 * The AsyncAPI document of a set of files (a folder or a .zip), its references to the other files of the set
 * resolved; a reference that leaves the set is refused (asyncapi-file-set.ts).
 */
export async function parseAsyncApiFiles(files: SourceFile[]): Promise<ParsedAsyncApi> {
  if (files.length === 1) return parseAsyncApi(files[0].text, files[0].path);
  const index = indexFiles(files);
  const entry = findEntry(index);
  if (!entry) {
    throw new AppError("VALIDATION", { userMessage: `None of the ${index.size} files is an AsyncAPI document (a YAML or JSON file with an "asyncapi" field)` });
  }
  return parseDocument(index, entry);
}

async function parseDocument(index: Map<string, string>, entry: { path: string; document: Record<string, unknown> }): Promise<ParsedAsyncApi> {
  const version = entry.document.asyncapi;
  if (version !== undefined && !isSupportedAsyncApiVersion(version)) {
    throw new AppError("VALIDATION", { userMessage: `AsyncAPI version ${JSON.stringify(version)} is not supported: Topiary reads ${SUPPORTED_ASYNCAPI_VERSIONS}` });
  }
  const bundled = bundleDocument(index, entry);
  // Every reference left points inside the document; this is the fallback should one not.
  const external = externalReferences(bundled);
  if (external.length) {
    throw new AppError("VALIDATION", { userMessage: `The document refers to other files or URLs (${external.slice(0, SHOWN_DIAGNOSTICS).join(", ")}): import them with it, as a folder or a .zip` });
  }

  const { document, diagnostics } = await getParser().parse(JSON.stringify(bundled));
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  if (errors.length || !document) {
    throw new AppError("VALIDATION", {
      message: `AsyncAPI document refused with ${errors.length} error(s)`,
      userMessage: `Not a valid AsyncAPI document: ${describe(errors)}`,
    });
  }
  // The document as written (bundled), not the parser's resolved copy: see lib/designs/asyncapi-json.ts.
  const { topology, warnings } = asyncApiToTopology(bundled);
  const title = (bundled.info as { title?: unknown } | undefined)?.title;
  return { topology, warnings, version: document.version(), title: typeof title === "string" && title.trim() ? title.trim() : undefined, entry: entry.path };
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
