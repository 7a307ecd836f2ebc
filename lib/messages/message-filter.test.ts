import { describe, expect, it } from "vitest";
import { parse } from "@marcbachmann/cel-js";
import { compileFilter, expressionError } from "./message-filter";
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

describe("message filters", () => {
  it("finds the literals a value must contain", () => {
    expect(requiredValueLiterals(parse('value.customer.tier == "platinum" && headers.x == "y"').ast)).toEqual(['"platinum"']);
    expect(requiredValueLiterals(parse('"gold" == value["tier"]').ast)).toEqual(['"gold"']);
    expect(requiredValueLiterals(parse('value == "plain text"').ast)).toEqual([]);
    expect(requiredValueLiterals(parse('value.a == "x" || value.b == "y"').ast)).toEqual([]);
  });

  it("matches exactly as the expression says, with or without the byte prefilter", () => {
    const f = compileFilter({}, 'value.customer.tier == "platinum"');
    if (!f.ok) throw new Error(f.error);
    expect(f.match(msg('{"customer":{"tier":"platinum"}}'))).toBe(true);
    expect(f.match(msg('{"customer":{"tier":"gold"},"note":"platinum"}'))).toBe(false);
    // Escaped JSON still matches: the prefilter must not skip it.
    expect(f.match(msg('{"customer":{"tier":"pl\\u0061tinum"}}'))).toBe(true);
    expect(f.match(msg("not json"))).toBe(false);
    expect(f.match(msg(null))).toBe(false);
  });

  it("combines quick filters with the expression", () => {
    const f = compileFilter({ keyContains: "ord", headerKey: "source", headerValue: "web" }, "value.total > 10");
    if (!f.ok) throw new Error(f.error);
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
});
