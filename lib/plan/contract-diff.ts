import { schemaDiff, type DiffLine } from "../registry/schema-diff";
import type { RegistrySchemaType } from "../registry/registry-schemas";

// A compact diff of a subject's latest schema and the design's contract for the plan page: the changed lines
// with a little context, runs of unchanged lines folded into one "n lines unchanged" row. Pure.

export type CompactLine = DiffLine | { kind: "gap"; count: number };

export function compactSchemaDiff(schemaType: RegistrySchemaType, before: string, after: string, context = 2): CompactLine[] {
  const lines = schemaDiff(schemaType, before, after);
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: CompactLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) {
      out.push(lines[i]);
      continue;
    }
    const last = out[out.length - 1];
    if (last?.kind === "gap") last.count++;
    else out.push({ kind: "gap", count: 1 });
  }
  return out;
}
