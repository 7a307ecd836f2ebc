import { describe, expect, it } from "vitest";
import { parse } from "@marcbachmann/cel-js";
import { createFilterEnvironment, evaluationErrorKind, messageContext, parseFilter, re2Matches, type FilterableMessage } from "./cel-filter.mjs";
import { compileFilter, expressionError, type MessageFilter } from "./message-filter";
import { requiredValueLiterals } from "./required-literals";

const enc = new TextEncoder();
const msg = (value: string | null, extra: Partial<{ key: string; headers: Record<string, string> }> = {}) => ({
  key: extra.key ? enc.encode(extra.key) : null,
  value: value === null ? null : enc.encode(value),
  headers: extra.headers ?? {},
  partition: 0,
  offset: 1,
  timestamp: 2,
});

const env = createFilterEnvironment();
/** What a search does with a filter: the inline prefilter, then the expression (in a worker on the server). */
function compiled(filters: Parameters<typeof compileFilter>[0], expression: string) {
  const f = compileFilter(filters, expression);
  if (!f.ok) throw new Error(f.error);
  const filter: MessageFilter = f.filter;
  const program = filter.expression ? parseFilter(env, filter.expression) : null;
  return {
    match(m: FilterableMessage): boolean {
      if (!filter.prefilter(m)) return false;
      try {
        return program ? program(messageContext(m)) === true : true;
      } catch {
        return false;
      }
    },
  };
}

describe("message filters", () => {
  it("finds the literals a value must contain", () => {
    expect(requiredValueLiterals(parse('value.customer.tier == "platinum" && headers.x == "y"').ast)).toEqual(['"platinum"']);
    expect(requiredValueLiterals(parse('"gold" == value["tier"]').ast)).toEqual(['"gold"']);
    expect(requiredValueLiterals(parse('value == "plain text"').ast)).toEqual([]);
    expect(requiredValueLiterals(parse('value.a == "x" || value.b == "y"').ast)).toEqual([]);
  });

  it("matches exactly as the expression says, with or without the byte prefilter", () => {
    const f = compiled({}, 'value.customer.tier == "platinum"');
    expect(f.match(msg('{"customer":{"tier":"platinum"}}'))).toBe(true);
    expect(f.match(msg('{"customer":{"tier":"gold"},"note":"platinum"}'))).toBe(false);
    // Escaped JSON still matches: the prefilter must not skip it.
    expect(f.match(msg('{"customer":{"tier":"pl\\u0061tinum"}}'))).toBe(true);
    expect(f.match(msg("not json"))).toBe(false);
    expect(f.match(msg(null))).toBe(false);
  });

  it("combines quick filters with the expression", () => {
    const f = compiled({ keyContains: "ord", headerKey: "source", headerValue: "web" }, "value.total > 10");
    expect(f.match(msg('{"total":11}', { key: "order-1", headers: { source: "web" } }))).toBe(true);
    expect(f.match(msg('{"total":11}', { key: "order-1", headers: { source: "app" } }))).toBe(false);
    expect(f.match(msg('{"total":9}', { key: "order-1", headers: { source: "web" } }))).toBe(false);
  });

  it("gives precise errors and refuses non-boolean expressions", () => {
    expect(expressionError("value.total >")).toMatch(/Unexpected token/);
    expect(expressionError("vaule.x")).toMatch(/Unknown variable: vaule/);
    expect(expressionError("1 + 2")).toMatch(/true or false, not int/);
    expect(expressionError('value.total > 1 && key == "a"')).toBeNull();
  });

  it("runs matches() on RE2 (linear time), not on JavaScript's backtracking engine", () => {
    const f = compiled({}, 'value.s.matches("^(a+)+$")');
    const started = Date.now();
    expect(f.match(msg(JSON.stringify({ s: "a".repeat(5000) + "!" })))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
    expect(f.match(msg(JSON.stringify({ s: "aaaa" })))).toBe(true);
    // CEL's matches() is a partial match with RE2 syntax.
    expect(re2Matches("order-42", "[0-9]+")).toBe(true);
    expect(() => re2Matches("x", "(?<=a)b")).toThrow(/Invalid regular expression/);
  });

  it("tells a missing field from a type mismatch", () => {
    const kind = (expression: string, value: string) => {
      try {
        parseFilter(env, expression)(messageContext(msg(value)));
        return "none";
      } catch (e) {
        return evaluationErrorKind(e);
      }
    };
    expect(kind("value.missing > 3", '{"total":5}')).toBe("missing");
    expect(kind('value.total > "abc"', '{"total":5}')).toBe("type");
    expect(kind("value.l[3] == 1", '{"l":[1]}')).toBe("missing");
    expect(kind("int(value.s) == 1", '{"s":"x"}')).toBe("type");
  });
});
