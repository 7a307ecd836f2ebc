import { describe, expect, it } from "vitest";
import { parseJsonText, pointerPosition } from "./json-text";

const errorAt = (text: string) => {
  const r = parseJsonText(text);
  expect(r.ok).toBe(false);
  return r.ok ? undefined : { message: r.message, ...r.position };
};

describe("parseJsonText", () => {
  it("gives the value of valid JSON", () => {
    expect(parseJsonText('{"a": [1, {"b": "]}"}]}')).toEqual({ ok: true, value: { a: [1, { b: "]}" }] } });
  });

  it("finds the first error's line and column, whatever the engine says", () => {
    expect(errorAt('{\n  "a": 1,\n  "b": tru\n}')).toMatchObject({ line: 3, column: 8 });
    expect(errorAt('{"a": 1 "b": 2}')).toMatchObject({ line: 1, column: 9, message: 'Expected "," or "}", found """' });
    expect(errorAt("[1, 2,]")).toMatchObject({ line: 1, column: 7, message: "A trailing comma is not allowed in JSON" });
    expect(errorAt('{"a": "line\nbreak"}')).toMatchObject({ line: 1, column: 12 });
    expect(errorAt('{"a": [1, 2}')).toMatchObject({ column: 12 });
    expect(errorAt('{"a": 1}\n{"b": 2}')).toMatchObject({ line: 2, column: 1 });
    expect(errorAt("")).toMatchObject({ message: "The text ends where a value is expected" });
    expect(errorAt('{"a": {"b": [')).toMatchObject({ message: "The text ends where a value is expected" });
    expect(errorAt('{"a": "\\x"}')).toMatchObject({ column: 8 });
  });

  it("bounds nesting instead of overflowing the stack", () => {
    expect(errorAt("[".repeat(100_000))).toMatchObject({ message: "Nested deeper than 512 levels" });
  });
});

describe("pointerPosition", () => {
  const text = '{\n  "type": "object",\n  "properties": {\n    "a/b": { "type": "strng" },\n    "list": [1, {"x": 2}]\n  }\n}';
  it("finds where the value at a JSON pointer starts", () => {
    expect(pointerPosition(text, "/properties/a~1b/type")).toEqual({ line: 4, column: 22 });
    expect(pointerPosition(text, "/properties/list/1/x")).toEqual({ line: 5, column: 23 });
    expect(pointerPosition(text, "")).toEqual({ line: 1, column: 1 });
  });
  it("stops at the deepest part that exists", () => {
    expect(pointerPosition(text, "/properties/missing/type")).toEqual({ line: 3, column: 17 });
  });
});
