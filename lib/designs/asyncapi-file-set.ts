import { strFromU8, unzipSync } from "fflate";
import YAML from "yaml";
import { AppError } from "../errors/app-error";
import { isObj, pointerSegments, valueAt, type Json } from "./asyncapi-json";

// An AsyncAPI document split over files (`$ref: ./schemas/order.avsc`, `../common.yaml#/components/schemas/X`)
// made one document, from the files the user imported and from nothing else: a reference that leaves the set —
// a URL, an absolute path, a file that was not imported — is refused and named. Each referenced part is copied
// in where it is first referred to; later references to it (and recursive ones) point at that copy, as
// JSON Schema bundlers do, so shared and recursive schemas stay shared and recursive. Pure: the browser unzips
// with it too.

export interface SourceFile {
  /** Path inside the set, "/"-separated ("api/asyncapi.yaml"). */
  path: string;
  text: string;
}

export const MAX_SET_FILES = 200;
/** Characters of all files together (the upload travels in one request of at most 4 MB). */
export const MAX_SET_CHARS = 3_000_000;
/** Values the bundled document may hold: references cannot blow one small file up into a huge document. */
const MAX_VALUES = 1_000_000;
const MAX_DEPTH = 256;
/** Files a set may hold: documents, schemas and .proto files. */
export const SET_FILE_PATTERN = /\.(ya?ml|json|avsc|proto)$/i;

const refuse = (userMessage: string) => new AppError("VALIDATION", { userMessage });

/** "./a/../b\\c.yaml" → "b/c.yaml"; a path that climbs above the set's root keeps its leading "../". */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function parseFile(path: string, text: string): unknown {
  if (/\.proto$/i.test(path)) return text;
  try {
    if (/^\s*[{[]/.test(text)) {
      try {
        return JSON.parse(text);
      } catch {
        // Not JSON after all: YAML below says why.
      }
    }
    return YAML.parse(text, { merge: true, maxAliasCount: 100 });
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw refuse(`${path} is neither YAML nor JSON (${reason})`);
  }
}

/** The set's files by normalized path, bounded in count and size. */
export function indexFiles(files: SourceFile[]): Map<string, string> {
  if (!files.length) throw refuse("No file was given");
  if (files.length > MAX_SET_FILES) throw refuse(`At most ${MAX_SET_FILES} files can be imported together (${files.length} were given)`);
  const total = files.reduce((n, f) => n + f.text.length, 0);
  if (total > MAX_SET_CHARS) throw refuse(`The files hold ${total.toLocaleString("en")} characters together; at most ${MAX_SET_CHARS.toLocaleString("en")} can be imported`);
  const index = new Map<string, string>();
  for (const f of files) {
    const path = normalizePath(f.path);
    if (!path || path.startsWith("../")) throw refuse(`"${f.path}" is not a path inside the imported set`);
    if (index.has(path)) throw refuse(`"${path}" is given twice`);
    index.set(path, f.text);
  }
  return index;
}

/** The AsyncAPI document of the set: the only one, else the one named asyncapi.* nearest the top. */
export function findEntry(index: Map<string, string>): { path: string; document: Json } | undefined {
  const documents: { path: string; document: Json }[] = [];
  for (const [path, text] of index) {
    if (!/\.(ya?ml|json)$/i.test(path) || !/(^|\n)\s*["']?asyncapi["']?\s*:/.test(text)) continue;
    let value: unknown;
    try {
      value = parseFile(path, text);
    } catch {
      continue;
    }
    if (isObj(value) && "asyncapi" in value) documents.push({ path, document: value });
  }
  if (documents.length <= 1) return documents[0];
  const conventional = documents.filter((d) => /(^|\/)asyncapi\.(ya?ml|json)$/i.test(d.path));
  const depth = (p: string) => p.split("/").length;
  const top = Math.min(...conventional.map((d) => depth(d.path)));
  const chosen = conventional.filter((d) => depth(d.path) === top);
  if (chosen.length === 1) return chosen[0];
  throw refuse(`The files hold ${documents.length} AsyncAPI documents (${documents.slice(0, 4).map((d) => d.path).join(", ")}${documents.length > 4 ? ", …" : ""}): import one document with the files it refers to`);
}

interface Target {
  file: string;
  pointer: string;
}

/**
 * The entry document with every reference to another file of the set replaced by what it refers to (the first
 * time; a reference to the same place again becomes a reference inside the document). References inside the
 * entry stay as they are.
 */
export function bundleDocument(index: Map<string, string>, entry: { path: string; document: Json }): Json {
  const parsed = new Map<string, unknown>([[entry.path, entry.document]]);
  const placed = new Map<string, string>(); // "file#pointer" → where its copy is in the output
  let values = 0;

  const docOf = (file: string): unknown => {
    if (!parsed.has(file)) parsed.set(file, parseFile(file, index.get(file)!));
    return parsed.get(file);
  };

  const resolve = (from: string, ref: string): Target => {
    const hash = ref.indexOf("#");
    const pathPart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? "" : ref.slice(hash + 1);
    const where = `${from}: $ref "${ref}"`;
    let pointer = "";
    if (fragment) {
      if (!fragment.startsWith("/")) throw refuse(`${where}: only JSON pointers ("#/…") can follow the file name`);
      try {
        pointer = decodeURIComponent(fragment);
      } catch {
        pointer = fragment;
      }
    }
    if (!pathPart) return { file: from, pointer };
    if (/^[a-z]:[\\/]/i.test(pathPart) || pathPart.startsWith("/") || pathPart.startsWith("\\")) {
      throw refuse(`${where} is an absolute path: refer to files of the set by relative paths (./schemas/order.avsc)`);
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathPart)) throw refuse(`${where} points to a URL: Topiary reads only the files you import, never the network`);
    let decoded = pathPart;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      // Kept as written.
    }
    const file = normalizePath(`${dirname(from)}/${decoded}`);
    if (!file || file === ".." || file.startsWith("../")) throw refuse(`${where} leads outside the imported files`);
    if (!index.has(file)) throw refuse(`${where} leads to "${file}", which is not among the ${index.size} imported file${index.size === 1 ? "" : "s"}: import the folder or a .zip that holds it`);
    return { file, pointer };
  };

  // A pointer as a reference's fragment: JSON pointer escapes, and the few characters a URI fragment cannot hold as they are.
  const encode = (pointer: string) =>
    pointerSegments(pointer)
      .map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1").replace(/%/g, "%25").replace(/ /g, "%20").replace(/#/g, "%23")}`)
      .join("");

  const placedFor = (t: Target): string | undefined => {
    let best: string | undefined;
    for (const key of placed.keys()) {
      const [file, pointer] = [key.slice(0, key.indexOf("#")), key.slice(key.indexOf("#") + 1)];
      if (file === t.file && (t.pointer === pointer || t.pointer.startsWith(`${pointer}/`)) && (best === undefined || key.length > best.length)) best = key;
    }
    return best === undefined ? undefined : placed.get(best)! + t.pointer.slice(best.length - best.indexOf("#") - 1);
  };

  const walk = (value: unknown, file: string, at: string, depth: number): unknown => {
    if (++values > MAX_VALUES) throw refuse(`The files make a document of more than ${MAX_VALUES.toLocaleString("en")} values once their references are resolved`);
    if (depth > MAX_DEPTH) throw refuse(`${file} is nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, file, `${at}/${i}`, depth + 1));
    if (!isObj(value)) return value;
    if (typeof value.$ref === "string") {
      const target = resolve(file, value.$ref);
      if (target.file === entry.path) return { $ref: `#${encode(target.pointer)}` };
      const earlier = placedFor(target);
      if (earlier !== undefined) return { $ref: `#${encode(earlier)}` };
      const content = valueAt(docOf(target.file), target.pointer);
      if (content === undefined) throw refuse(`${file}: $ref "${value.$ref}": ${target.pointer ? `"${target.pointer}" is not in ${target.file}` : `${target.file} is empty`}`);
      placed.set(`${target.file}#${target.pointer}`, at);
      return walk(content, target.file, at, depth + 1);
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, file, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
    return out;
  };

  return walk(entry.document, entry.path, "", 0) as Json;
}

/** The text files of a .zip (documents, schemas, .proto files), bounded like any set; folders and hidden files skipped. */
export function filesFromZip(bytes: Uint8Array): SourceFile[] {
  let total = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        const wanted = !f.name.endsWith("/") && !/(^|\/)(__MACOSX|\.)/.test(f.name) && SET_FILE_PATTERN.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        count++;
        if (count > MAX_SET_FILES) throw refuse(`The .zip holds more than ${MAX_SET_FILES} documents and schemas`);
        if (total > MAX_SET_CHARS) throw refuse(`The .zip's documents and schemas are larger than ${(MAX_SET_CHARS / 1_000_000).toFixed(0)} MB together`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(`Not a readable .zip file (${e instanceof Error ? e.message : String(e)})`);
  }
  return Object.entries(entries).map(([path, data]) => {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(data);
    } catch {
      text = strFromU8(data, true);
    }
    return { path, text };
  });
}
