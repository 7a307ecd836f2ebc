#!/usr/bin/env node
// The console as Playwright's webServer: a fresh SQLite file, the production build, `next start` on E2E_PORT.
// Uses KAFKA_BROKERS (scripts/test.mjs sets it); without it, starts the test broker on 19092 and stops it on exit.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafka, stopKafka } from "./kafka/kafka.mjs";
import { needsBuild, prepareDatabase, run } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TEST_KAFKA = { port: 19092, dataDir: path.join(root, ".topiary/test-kafka") };
const env = { ...process.env, TOPIARY_LOG_LEVEL: process.env.TOPIARY_LOG_LEVEL || "warn" };
// Lag samples every 2 s, so specs that watch live lag do not wait long.
env.TOPIARY_LAG_INTERVAL_MS ??= "2000";
// Cluster secrets are encrypted with this key; the database is new on every run, so a new key is too.
env.TOPIARY_SECRET_KEY ||= crypto.randomBytes(32).toString("base64");

const dbDir = path.join(root, ".topiary/e2e");
fs.rmSync(dbDir, { recursive: true, force: true });
env.DATABASE_URL = `file:${path.join(dbDir, "e2e.db")}`;

let startedKafka = false;
if (!env.KAFKA_BROKERS) {
  const r = await ensureKafka(TEST_KAFKA);
  env.KAFKA_BROKERS = r.bootstrap;
  startedKafka = r.started;
}
prepareDatabase(env);
if (needsBuild()) run(path.join(root, "node_modules/.bin/next"), ["build"], env);

const port = env.E2E_PORT || "3100";
const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port, "-H", "127.0.0.1"], { cwd: root, stdio: "inherit", env });
const stop = async () => {
  if (child.exitCode === null) child.kill("SIGTERM");
  if (startedKafka) await stopKafka(TEST_KAFKA);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => {
  if (startedKafka) void stopKafka(TEST_KAFKA).then(() => process.exit(code ?? 0));
  else process.exit(code ?? 0);
});
