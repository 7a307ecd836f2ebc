import { diffLines } from "diff";
import type { RegistrySchemaType } from "./registry-schemas";

// A version-to-version diff of schema texts, line by line (jsdiff's diffLines). Registries hand Avro and JSON
// schemas back as compact JSON on one line, so those are pretty-printed first; Protobuf is compared as written.

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** 1-based line numbers in the old and new text (absent on the side the line is not in). */
  oldLine?: number;
  newLine?: number;
}

export function prettySchema(schemaType: RegistrySchemaType, text: string): string {
  if (schemaType === "PROTOBUF") return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function schemaDiff(schemaType: RegistrySchemaType, oldText: string, newText: string): DiffLine[] {
  const out: DiffLine[] = [];
  let o = 1;
  let n = 1;
  for (const part of diffLines(prettySchema(schemaType, oldText), prettySchema(schemaType, newText))) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (part.added) out.push({ kind: "added", text, newLine: n++ });
      else if (part.removed) out.push({ kind: "removed", text, oldLine: o++ });
      else out.push({ kind: "same", text, oldLine: o++, newLine: n++ });
    }
  }
  return out;
}
