// Runs the console's TypeScript server modules in a plain Node process, as Vitest runs them: Vite's module runner
// with the same aliases (@ → the project, server-only → an empty module). For the multi-instance tests (each
// console instance a child process) and for benchmarks that time the server's own code.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, createServerModuleRunner } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A loader of the project's modules by path from the root ("/server/db/prisma.ts"); close it when done. */
export async function createModuleRunner() {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: "error",
    resolve: { alias: { "@": root, "server-only": path.join(root, "scripts/test/empty-module.ts") } },
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: "custom",
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  // CommonJS packages whose named exports Node cannot detect (e.g. avsc's): their module.exports' keys as named
  // exports, as Vitest's interop and the Next build give them.
  const processImport = runner.processImport.bind(runner);
  runner.processImport = (exports, fetchResult, metadata) => {
    if ("externalize" in fetchResult && fetchResult.type === "commonjs" && exports.default && typeof exports.default === "object") {
      return { ...exports.default, ...exports };
    }
    return processImport(exports, fetchResult, metadata);
  };
  return {
    import: (id) => runner.import(id),
    close: async () => {
      await runner.close();
      await server.close();
    },
  };
}
