// The CEL environment that message filters are checked and evaluated in, and the message as an expression sees
// it. Pure. Plain JavaScript (with types in cel-filter.d.mts) because it is loaded both by the bundled app, to
// check an expression as it is typed, and by the filter worker threads (server/messages/filter-worker.mjs),
// which Node starts from source without a bundler.
//
// Safety: CEL has no access to the process, the file system or the network, and the parser's limits bound
// an expression's size. Its cost is not bounded (nested comprehensions multiply), so expressions are only
// ever evaluated in the worker pool, under a per-message and a per-search budget. `matches()` runs on RE2's
// linear-time engine (re2js), as CEL's specification says it should, never on JavaScript's backtracking RegExp.
import { Environment } from "@marcbachmann/cel-js";
import { RE2JS } from "re2js";

export const FILTER_VARIABLES = ["key", "value", "headers", "partition", "offset", "timestamp"];

const RE2_MATCHES = "re2Matches";
const PATTERN_CACHE_SIZE = 64;
const patterns = new Map();

/** A compiled RE2 pattern, cached (patterns in a filter are usually literals, evaluated once per message). */
function re2(pattern) {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch (e) {
      throw new Error(`Invalid regular expression ${JSON.stringify(pattern)}: ${e.message}`);
    }
    if (patterns.size >= PATTERN_CACHE_SIZE) patterns.delete(patterns.keys().next().value);
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** CEL's `string.matches(pattern)`: true when the pattern matches any part of the string (RE2 semantics). */
export function re2Matches(text, pattern) {
  return re2(pattern).matcher(text).find();
}

export function createFilterEnvironment() {
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 400, maxDepth: 24, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 },
  });
  for (const v of FILTER_VARIABLES) env.registerVariable(v, "dyn");
  env.registerFunction(`string.${RE2_MATCHES}(string): bool`, re2Matches);
  return env;
}

/** Every `x.matches(p)` call in the parsed tree now calls the RE2 version (the standard one cannot be replaced). */
function useRe2(node) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) useRe2(n);
    return;
  }
  if (node.op === "rcall" && node.args[0] === "matches" && Array.isArray(node.args[2]) && node.args[2].length === 1) node.args[0] = RE2_MATCHES;
  if ("args" in node) useRe2(node.args);
}

/** The expression parsed for evaluation (throws the parser's error); `matches()` uses RE2. */
export function parseFilter(env, expression) {
  const program = env.parse(expression);
  useRe2(program.ast);
  return program;
}

/** A precise error for an expression (position included), or null when it can run. Never evaluates it. */
export function expressionErrorIn(env, expression) {
  if (!expression.trim()) return null;
  try {
    const check = env.parse(expression).check();
    if (!check.valid) return check.error?.message ?? "Invalid expression";
    if (check.type !== "bool" && check.type !== "dyn") return `The expression must give true or false, not ${check.type}`;
    return null;
  } catch (e) {
    return e.message;
  }
}

const utf8 = new TextDecoder("utf-8");

/** The value as an expression sees it: parsed JSON when it is JSON, else the text; null for a null value. */
export function valueForExpression(bytes) {
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

/** The variables an expression sees for one message. */
export function messageContext(m) {
  return {
    key: m.key === null ? null : utf8.decode(m.key),
    value: valueForExpression(m.value),
    headers: m.headers,
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
  };
}

/**
 * Why an evaluation failed, as a kind the search can count and explain: a field (or list index) the message
 * lacks, values of types the operator cannot take (`value.total > "abc"` on a number), or anything else.
 */
export function evaluationErrorKind(error) {
  const code = error?.code;
  if (code === "no_such_key" || code === "index_out_of_bounds") return "missing";
  if (code === "no_such_overload" || (typeof code === "string" && code.endsWith("_conversion_error"))) return "type";
  return "other";
}

/** The first line of an evaluation error (the rest repeats the expression with a caret). */
export function evaluationErrorText(error) {
  return String(error?.message ?? error).split("\n")[0].slice(0, 300);
}
