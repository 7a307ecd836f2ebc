#!/usr/bin/env node
// `npm test`: every test, against real parts.
//   1. a real Kafka broker: KAFKA_BROKERS when set, else a test broker on 127.0.0.1:19092 (stopped afterwards),
//      and a Kafka Connect worker for it: CONNECT_URL when set, else one on 127.0.0.1:18083 (stopped afterwards),
//      and a secured broker (SASL/SCRAM, authorizer): SECURE_KAFKA_BROKERS when set, else one on 127.0.0.1:19093;
//   2. Vitest: unit tests (lib/, components/) and integration tests (server/, real broker + real SQLite files),
//      then the integration tests again on a real PostgreSQL database;
//   3. a production build when the sources changed, then Playwright end-to-end tests in Debian's Chromium.
// Ends with one line "N passed, N failed" and a non-zero exit code when anything failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafka, stopKafka } from "./kafka/kafka.mjs";
import { ensureConnect, stopConnect, TEST_CONNECT } from "./kafka/connect.mjs";
import { ensureSecureKafka, stopSecureKafka, TEST_SECURE_KAFKA } from "./kafka/secure.mjs";
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

// The names of the failed tests in Vitest's and Playwright's JSON reports, so the run's last lines say which,
// and of those that passed only on their second try (flaky: named, counted as passed).
const flaky = [];
const firstLine = (m) => String(m ?? "").split("\n")[0].slice(0, 240);
function vitestFailures(report, label) {
  const out = [];
  for (const file of report?.testResults ?? []) {
    const rel = path.relative(root, file.name ?? "");
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failedTests) out.push(`${label} ${rel} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    // Passed with a failure on record: passed on its second try (the integration tests' retry).
    for (const a of file.assertionResults ?? []) if (a.status === "passed" && a.failureMessages?.length) flaky.push(`${label} ${rel} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages[0])}`);
    if (failedTests.length === 0 && file.status === "failed") out.push(`${label} ${rel} (the file failed: ${firstLine(file.message)})`);
  }
  return out;
}

function playwrightFailures(report) {
  const out = [];
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = `e2e ${spec.file}:${spec.line} › ${[...trail, spec.title].join(" › ")}`;
        if (t.status === "unexpected") out.push(name);
        if (t.status === "flaky") flaky.push(name);
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.title && !child.title.endsWith(".ts") ? [...trail, child.title] : trail);
  };
  for (const s of report?.suites ?? []) walk(s, []);
  return out;
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
  let startedConnect = false;
  try {
    if (env.CONNECT_URL) say(`using the Kafka Connect worker at CONNECT_URL=${env.CONNECT_URL}`);
    else {
      const c = await ensureConnect({ ...TEST_CONNECT, bootstrap: env.KAFKA_BROKERS });
      env.CONNECT_URL = c.url;
      startedConnect = c.started;
    }
  } catch (e) {
    if (startedKafka) await stopKafka(TEST_KAFKA);
    throw e;
  }
  // A secured broker (SASL/SCRAM-SHA-512, authorizer) for the access tests, Vitest's and Playwright's alike.
  let startedSecure = false;
  try {
    if (env.SECURE_KAFKA_BROKERS) say(`using the secured cluster at SECURE_KAFKA_BROKERS=${env.SECURE_KAFKA_BROKERS}`);
    else {
      const s = await ensureSecureKafka(TEST_SECURE_KAFKA);
      Object.assign(env, { SECURE_KAFKA_BROKERS: s.bootstrap, SECURE_KAFKA_USERNAME: s.username, SECURE_KAFKA_PASSWORD: s.password });
      startedSecure = s.started;
      say(`secured broker ${s.bootstrap}: ${s.started ? `started in ${(s.startMs / 1000).toFixed(1)} s` : "already running"}`);
    }
  } catch (e) {
    if (startedConnect) await stopConnect(TEST_CONNECT);
    if (startedKafka) await stopKafka(TEST_KAFKA);
    throw e;
  }

  let passed = 0;
  let failed = 0;
  const failures = [];
  try {
    say("unit and integration tests (Vitest)…");
    const vitestJson = path.join(results, "vitest.json");
    const vitestCode = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], env);
    const v = readJson(vitestJson);
    passed += v?.numPassedTests ?? 0;
    failed += v ? v.numFailedTests : 0;
    failures.push(...vitestFailures(v, "vitest"));
    if (vitestCode !== 0 && !(v?.numFailedTests > 0)) failed += 1; // crashed before reporting

    // The integration tests again, on PostgreSQL (a database of their own on the server at TOPIARY_TEST_PG_URL,
    // default postgresql://postgres@127.0.0.1:5432/postgres). TOPIARY_TEST_PG=skip leaves this out knowingly.
    if (env.TOPIARY_TEST_PG === "skip") say("integration tests on PostgreSQL skipped (TOPIARY_TEST_PG=skip)");
    else {
      say("integration tests again, on PostgreSQL (Vitest)…");
      const pgJson = path.join(results, "vitest-postgres.json");
      const pgCode = run(bin("vitest"), ["run", "--project", "integration", "--reporter=dot", "--reporter=json", `--outputFile.json=${pgJson}`], { ...env, TOPIARY_TEST_STORE: "postgres" });
      const p = readJson(pgJson);
      passed += p?.numPassedTests ?? 0;
      failed += p ? p.numFailedTests : 0;
      failures.push(...vitestFailures(p, "vitest (PostgreSQL)"));
      if (pgCode !== 0 && !(p?.numFailedTests > 0)) {
        failed += 1;
        say("the PostgreSQL run did not report (is a PostgreSQL server reachable? TOPIARY_TEST_PG_URL, or TOPIARY_TEST_PG=skip)");
      }
    }

    if (needsBuild()) {
      say("building the console for the end-to-end tests…");
      if (run(bin("next"), ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" }) !== 0) throw new Error("next build failed");
    }
    say("end-to-end tests (Playwright, Chromium)…");
    const pwJson = path.join(results, "playwright.json");
    const pwCode = run(bin("playwright"), ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    const p = readJson(pwJson);
    passed += (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
    failed += p ? p.stats.unexpected : 0;
    failures.push(...playwrightFailures(p));
    if (pwCode !== 0 && !(p?.stats?.unexpected > 0)) failed += 1;
  } catch (e) {
    say(`error: ${e.message}`);
    failed += 1;
  } finally {
    if (startedConnect) await stopConnect(TEST_CONNECT);
    if (startedSecure) await stopSecureKafka(TEST_SECURE_KAFKA);
    if (startedKafka) await stopKafka(TEST_KAFKA);
  }
  if (flaky.length > 0) say(`passed on a second try (flaky):\n${flaky.map((f) => `  ~ ${f}`).join("\n")}`);
  if (failures.length > 0) say(`failed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
  say(`all tests took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(1);
});
