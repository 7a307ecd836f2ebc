#!/usr/bin/env node
// `npm test`: every test, against real parts.
//   1. a real Kafka broker: KAFKA_BROKERS when set, else a test broker on 127.0.0.1:19092 (stopped afterwards);
//   2. Vitest: unit tests (lib/) and integration tests (server/, real broker + real SQLite files);
//   3. a production build when the sources changed, then Playwright end-to-end tests in Debian's Chromium.
// Ends with one line "N passed, N failed" and a non-zero exit code when anything failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafka, stopKafka } from "./kafka/kafka.mjs";
import { needsBuild } from "./start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TEST_KAFKA = { port: 19092, dataDir: path.join(root, ".topiary/test-kafka") };
const results = path.join(root, ".topiary/test-results");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const say = (msg) => process.stderr.write(`[test] ${msg}\n`);

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const env = { ...process.env };
  let startedKafka = false;
  if (env.KAFKA_BROKERS) {
    say(`using the cluster at KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
  } else {
    const r = await ensureKafka(TEST_KAFKA);
    env.KAFKA_BROKERS = r.bootstrap;
    startedKafka = r.started;
  }

  let passed = 0;
  let failed = 0;
  try {
    say("unit and integration tests (Vitest)…");
    const vitestJson = path.join(results, "vitest.json");
    const vitestCode = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], env);
    const v = readJson(vitestJson);
    passed += v?.numPassedTests ?? 0;
    failed += v ? v.numFailedTests : 0;
    if (vitestCode !== 0 && !(v?.numFailedTests > 0)) failed += 1; // crashed before reporting

    if (needsBuild()) {
      say("building the console for the end-to-end tests…");
      if (run(bin("next"), ["build"], env) !== 0) throw new Error("next build failed");
    }
    say("end-to-end tests (Playwright, Chromium)…");
    const pwJson = path.join(results, "playwright.json");
    const pwCode = run(bin("playwright"), ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    const p = readJson(pwJson);
    passed += (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
    failed += p ? p.stats.unexpected : 0;
    if (pwCode !== 0 && !(p?.stats?.unexpected > 0)) failed += 1;
  } catch (e) {
    say(`error: ${e.message}`);
    failed += 1;
  } finally {
    if (startedKafka) await stopKafka(TEST_KAFKA);
  }
  say(`all tests took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(1);
});
