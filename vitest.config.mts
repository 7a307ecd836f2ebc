import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React's server bundle; in Node tests every module is server-side.
  "server-only": path.resolve(__dirname, "scripts/test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          // The pure parts of components (mappings, reducers, undo/redo stores): no DOM.
          name: "components",
          include: ["components/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          // Against a real Kafka broker and a real SQLite file (see scripts/test/global-setup.ts).
          name: "integration",
          include: ["server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["scripts/test/global-setup.ts"],
          setupFiles: ["scripts/test/worker-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Against real brokers on a 2-core machine a test can meet a busy moment (a group still loading, a slow
          // fsync): one more try. A test that passes only on its second try is named in \`npm test\`'s summary.
          retry: 1,
        },
      },
    ],
  },
});
