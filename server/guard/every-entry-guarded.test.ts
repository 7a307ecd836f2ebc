// The guarded path cannot be skipped by a new entry point: every route handler in app/api is built by
// guardedRoute or guardedStream, and every export of a server-action file is built by guardedAction. A new
// handler or action written any other way fails this test.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
function files(dir: string, match: (f: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, match) : match(e.name) ? [p] : [];
  });
}

describe("every entry point goes through the guarded path", () => {
  it("route handlers", () => {
    const routes = files(path.join(root, "app/api"), (f) => f === "route.ts");
    expect(routes.length).toBeGreaterThan(20);
    for (const file of routes) {
      const src = fs.readFileSync(file, "utf8");
      const methods = [...src.matchAll(/export\s+(?:async\s+)?(?:const|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b\s*(=\s*(\w+)\()?/g)];
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) expect(["guardedRoute", "guardedStream"], `${path.relative(root, file)} ${m[1]}`).toContain(m[3]);
    }
  });

  it("server actions", () => {
    const actions = files(path.join(root, "server/actions"), (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(actions.length).toBeGreaterThan(5);
    for (const file of actions) {
      const src = fs.readFileSync(file, "utf8");
      expect(src.startsWith('"use server"'), file).toBe(true);
      const exports = [...src.matchAll(/export\s+(async\s+function|function|const|let|var|class)\s+(\w+)\s*(=\s*(\w+)\()?/g)];
      expect(exports.length, file).toBeGreaterThan(0);
      for (const m of exports) expect(`${m[1]} ${m[4]}`, `${path.relative(root, file)} ${m[2]}`).toBe("const guardedAction");
    }
  });
});
