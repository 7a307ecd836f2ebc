import { Environment } from "@marcbachmann/cel-js";
import { requiredValueLiterals } from "./required-literals";
import type { QuickFilters } from "./scan-schema";

// Filters run on the server over each message. The expression language is CEL (through a maintained
// JavaScript implementation): it has no access to the process, the file system or the network, and its
// structural limits bound what one expression may be. Never eval, Function, node:vm or vm2.

export interface FilterableMessage {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
  partition: number;
  offset: number;
  timestamp: number;
}

export type CompiledFilter = (m: FilterableMessage) => boolean;
export type CompileResult = { ok: true; match: CompiledFilter; evaluationErrors: () => number } | { ok: false; error: string };

const env = new Environment({
  unlistedVariablesAreDyn: false,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 400, maxDepth: 24, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 },
});
for (const v of ["key", "value", "headers", "partition", "offset", "timestamp"]) env.registerVariable(v, "dyn");

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

function bytesIncludes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  // Node's native search on the server; a plain loop where Buffer does not exist.
  if (typeof Buffer !== "undefined") {
    return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength));
  }
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The value as the expression sees it: parsed JSON when it is JSON, else the text. */
function valueForExpression(bytes: Uint8Array | null): unknown {
  if (bytes === null) return null;
  const text = utf8.decode(bytes);
  const c = text.charCodeAt(0);
  // '{', '[', '"', digits, '-', t/f/n: worth trying JSON.
  if (c === 123 || c === 91 || c === 34 || (c >= 48 && c <= 57) || c === 45 || c === 116 || c === 102 || c === 110) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Checks an expression without running it: a precise error (with its position) or null. */
export function expressionError(expression: string): string | null {
  if (!expression.trim()) return null;
  try {
    const check = env.parse(expression).check();
    if (!check.valid) return check.error?.message ?? "Invalid expression";
    if (check.type !== "bool" && check.type !== "dyn") return `The expression must give true or false, not ${check.type}`;
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function compileFilter(filters: QuickFilters, expression: string): CompileResult {
  const err = expressionError(expression);
  if (err) return { ok: false, error: err };
  const checks: CompiledFilter[] = [];

  if (filters.keyEquals) {
    const want = encoder.encode(filters.keyEquals);
    checks.push((m) => m.key !== null && m.key.length === want.length && bytesIncludes(m.key, want));
  }
  if (filters.keyContains) {
    const want = encoder.encode(filters.keyContains);
    checks.push((m) => m.key !== null && bytesIncludes(m.key, want));
  }
  if (filters.valueContains) {
    const want = encoder.encode(filters.valueContains);
    checks.push((m) => m.value !== null && bytesIncludes(m.value, want));
  }
  if (filters.headerKey) {
    const hk = filters.headerKey;
    const hv = filters.headerValue;
    checks.push((m) => hk in m.headers && (hv === undefined || hv === "" || m.headers[hk] === hv));
  }

  let errors = 0;
  if (expression.trim()) {
    const program = env.parse(expression);
    // Skip, without parsing, values that cannot satisfy `value.x == "literal"` conditions (see required-literals).
    const literals = requiredValueLiterals(program.ast).map((l) => encoder.encode(l));
    const backslash = new Uint8Array([0x5c]);
    if (literals.length) {
      checks.push((m) => m.value !== null && (bytesIncludes(m.value, backslash) || literals.every((l) => bytesIncludes(m.value!, l))));
    }
    checks.push((m) => {
      try {
        return (
          program({
            key: m.key === null ? null : utf8.decode(m.key),
            value: valueForExpression(m.value),
            headers: m.headers,
            partition: m.partition,
            offset: m.offset,
            timestamp: m.timestamp,
          }) === true
        );
      } catch {
        // A message without the field the expression reads (or of another type) does not match.
        errors++;
        return false;
      }
    });
  }
  // Cheap byte checks run before the expression.
  return { ok: true, match: (m) => checks.every((c) => c(m)), evaluationErrors: () => errors };
}
