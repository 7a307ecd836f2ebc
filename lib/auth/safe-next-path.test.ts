import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps a path on this console, with its query and fragment", () => {
    expect(safeNextPath("/clusters/abc?tab=topics#t1")).toBe("/clusters/abc?tab=topics#t1");
    expect(safeNextPath("/designs/d1/plan")).toBe("/designs/d1/plan");
    expect(safeNextPath("/audit?user=a%20b")).toBe("/audit?user=a%20b");
  });

  it("goes straight to the first page instead of through /", () => {
    expect(safeNextPath("/")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeNextPath(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  // Each of these, followed by a browser after sign-in, would leave the console (or could, depending on the
  // browser or a proxy in between): every one is refused.
  it.each([
    ["an absolute URL", "https://evil.example/x"],
    ["an absolute URL without a scheme's slashes", "https:evil.example"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["three slashes", "///evil.example"],
    ["a dot segment that normalises to //", "/.//evil.example"],
    ["two dot segments that normalise to //", "/..//evil.example"],
    ["a dot segment deeper down", "/a/..//evil.example"],
    ["an encoded dot segment", "/%2e//evil.example"],
    ["an encoded double dot", "/%2e%2e//evil.example"],
    ["encoded slashes", "/%2F%2Fevil.example"],
    ["a doubly encoded slash", "/%252F/evil.example"],
    ["a backslash trick", "/\\evil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["a backslash later on", "/a\\..\\..\\evil"],
    ["a tab inside", "/\t/evil.example"],
    ["an encoded tab", "/%09/evil.example"],
    ["a newline inside", "/\n/evil.example"],
    ["an encoded newline", "/%0a/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a space before the slashes", "/ //evil.example"],
    ["a null byte", "/%00//evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "clusters"],
    ["user info", "//user@evil.example"],
    ["a malformed encoding", "/%E0%A4%A"],
    ["an over-long path", `/${"a".repeat(2001)}`],
    ["an empty string", ""],
  ])("refuses %s", (_, next) => {
    expect(safeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("normalises dot segments without leaving the origin", () => {
    expect(safeNextPath("/a/../../b")).toBe("/b");
  });
});
