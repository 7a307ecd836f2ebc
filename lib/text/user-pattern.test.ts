import { describe, expect, it } from "vitest";
import { compileUserPattern, userPatternError } from "./user-pattern";

describe("user patterns (RE2, linear time)", () => {
  it("matches any part of the text, optionally ignoring case", () => {
    expect(compileUserPattern("orders\\.v[0-9]").test("demo.orders.v2")).toBe(true);
    expect(compileUserPattern("^orders").test("demo.orders")).toBe(false);
    expect(compileUserPattern("ORDERS", { ignoreCase: true }).test("demo.orders")).toBe(true);
  });

  it.each(["^(.*){13}#$", "^(a+)+$", "(a|aa)+$", "(x+x+)+y"])("runs %s on a long hostile name in linear time", (pattern) => {
    const p = compileUserPattern(pattern);
    const started = performance.now();
    expect(p.test("a".repeat(240) + "!")).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("says what is wrong with a pattern, and refuses what RE2 does not support", () => {
    expect(userPatternError("(")).toMatch(/missing closing \)/);
    expect(userPatternError("(?<=a)b")).toMatch(/invalid named capture/); // look-behind: not in RE2
    expect(userPatternError("(a)\\1")).toMatch(/invalid escape/); // back-references: not in RE2
    expect(userPatternError("a".repeat(201))).toMatch(/at most 200/);
    expect(userPatternError("orders.*")).toBeNull();
  });
});
