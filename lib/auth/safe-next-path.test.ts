import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps a path on this console, with its query and fragment", () => {
    expect(safeNextPath("/clusters/abc?tab=topics#t1")).toBe("/clusters/abc?tab=topics#t1");
    expect(safeNextPath("/")).toBe("/");
  });

  it.each([
    ["an absolute URL", "https://evil.example/x"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash trick", "/\\evil.example"],
    ["a backslash later on", "/a\\..\\..\\evil"],
    ["a tab inside", "/\t/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "clusters"],
    ["nothing", undefined],
    ["an empty string", ""],
  ])("refuses %s", (_, next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("normalises dot segments without leaving the origin", () => {
    expect(safeNextPath("/a/../../b")).toBe("/b");
  });
});
