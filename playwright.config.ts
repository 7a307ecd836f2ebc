import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const registryPort = Number(process.env.SCHEMA_REGISTRY_PORT || 18081);
/** The first admin's signed-in browser state, made by e2e/auth/first-run.setup.ts and used by every other spec. */
export const ADMIN_STATE = ".topiary/e2e-auth/admin.json";

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is not reachable here.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  // One more try for a test that meets a busy moment; one that passes only on it is named in `npm test`'s summary.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Sign-in is on in the end-to-end console: the first spec creates the first admin through the first-run page.
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "console", dependencies: ["setup"], use: { storageState: ADMIN_STATE } },
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    // The test Schema Registry (the Confluent endpoints Topiary calls; no real registry can be installed here) for
    // the registry and contract specs, unless SCHEMA_REGISTRY_URL names one.
    ...(process.env.SCHEMA_REGISTRY_URL
      ? []
      : [{ command: `node scripts/test/schema-registry.mjs --port ${registryPort}`, url: `http://127.0.0.1:${registryPort}/subjects`, reuseExistingServer: false, timeout: 30_000 }]),
  ],
});
