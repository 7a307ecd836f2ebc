import { createFilterEnvironment, expressionErrorIn, parseFilter, type FilterableMessage } from "./cel-filter.mjs";
import { requiredValueLiterals } from "./required-literals";
import type { QuickFilters } from "./scan-schema";

// A message search's filter in two parts. The quick filters and the byte-level prefilter of an expression
// (required-literals.ts) are linear in the message's size and run inline, where the messages are read. The CEL
// expression itself is only ever evaluated in the worker pool (server/messages/filter-pool.ts), under a
// per-message and a per-search budget: one expression's cost is not bounded by its length.

export type { FilterableMessage };

export interface MessageFilter {
  /** Cheap, linear checks on the raw bytes: a message that fails them cannot match. */
  prefilter: (m: FilterableMessage) => boolean;
  /** The CEL expression for the messages that pass the prefilter; null when there is none. */
  expression: string | null;
  /**
   * For a search that reads many records at once: a value passes the prefilter only if it contains `needle` (or a
   * backslash, when `orBackslash`), so records without either are skipped without calling it.
   */
  valueHint?: { needle: Uint8Array; orBackslash: boolean };
}

export type CompileResult = { ok: true; filter: MessageFilter } | { ok: false; error: string };

const env = createFilterEnvironment();
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

/** Checks an expression without running it: a precise error (with its position) or null. */
export function expressionError(expression: string): string | null {
  return expressionErrorIn(env, expression);
}

/** `decodedValues`: values are decoded with a schema before the expression sees them (see requiredValueLiterals). */
export function compileFilter(filters: QuickFilters, expression: string, opts: { decodedValues?: boolean } = {}): CompileResult {
  const err = expressionError(expression);
  if (err) return { ok: false, error: err };
  const checks: ((m: FilterableMessage) => boolean)[] = [];

  if (filters.keyEquals) {
    const want = encoder.encode(filters.keyEquals);
    checks.push((m) => m.key !== null && m.key.length === want.length && bytesIncludes(m.key, want));
  }
  if (filters.keyContains) {
    const want = encoder.encode(filters.keyContains);
    checks.push((m) => m.key !== null && bytesIncludes(m.key, want));
  }
  let valueHint: MessageFilter["valueHint"];
  if (filters.valueContains) {
    const want = encoder.encode(filters.valueContains);
    checks.push((m) => m.value !== null && bytesIncludes(m.value, want));
    if (want.length) valueHint = { needle: want, orBackslash: false };
  }
  if (filters.headerKey) {
    const hk = filters.headerKey;
    const hv = filters.headerValue;
    checks.push((m) => hk in m.headers && (hv === undefined || hv === "" || m.headers[hk] === hv));
  }

  const trimmed = expression.trim();
  if (trimmed) {
    // Skip, without parsing, values that cannot satisfy `value.x == "literal"` conditions (see required-literals).
    const literals = requiredValueLiterals(parseFilter(env, expression).ast, !opts.decodedValues).map((l) => encoder.encode(l));
    const backslash = new Uint8Array([0x5c]);
    if (literals.length) {
      checks.push((m) => m.value !== null && (bytesIncludes(m.value, backslash) || literals.every((l) => bytesIncludes(m.value!, l))));
      const longest = literals.reduce((a, b) => (b.length > a.length ? b : a));
      if (!valueHint && longest.length) valueHint = { needle: longest, orBackslash: true };
    }
  }
  return { ok: true, filter: { prefilter: (m) => checks.every((c) => c(m)), expression: trimmed ? expression : null, ...(valueHint ? { valueHint } : {}) } };
}
