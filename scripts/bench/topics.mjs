#!/usr/bin/env node
// `npm run bench:topics`: how fast the topic list shows its first rows with 5,000 topics.
// Creates 5,000 one-partition topics (bench.t.00000 …) on the local broker once (reused when present), starts
// the console (production build), warms it with one page load, then opens the cluster page BENCH_ROUNDS times
// (3) in headless Chromium and measures navigation start → first topic row visible, and the search box
// → filtered rows. Target: first rows within 1 s on a warm server. Prints figures; the last line is key=value.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import kafkajs from "kafkajs";
import { ensureKafka } from "../kafka/kafka.mjs";
import { ensureSecretKey, needsBuild, prepareDatabase, run } from "../start.mjs";

const { Kafka, logLevel } = kafkajs;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const COUNT = Number(process.env.BENCH_TOPICS || 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const PREFIX = "bench.t.";
const say = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const out = (line = "") => process.stdout.write(`${line}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ensureTopics(bootstrap) {
  const admin = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Array.from({ length: COUNT }, (_, i) => `${PREFIX}${String(i).padStart(5, "0")}`).filter((t) => !existing.has(t));
    if (!missing.length) return say(`reusing ${COUNT} topics`);
    say(`creating ${missing.length} topics…`);
    const t0 = Date.now();
    for (let i = 0; i < missing.length; i += 250) {
      await admin.createTopics({ waitForLeaders: false, timeout: 60_000, topics: missing.slice(i, i + 250).map((topic) => ({ topic, numPartitions: 1 })) });
    }
    say(`created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await admin.disconnect();
  }
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function main() {
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  await ensureTopics(bootstrap);
  const dir = path.join(root, ".topiary/bench-topics");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, KAFKA_BROKERS: bootstrap, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, TOPIARY_LOG_LEVEL: "warn", AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" };
  ensureSecretKey(env);
  prepareDatabase(env);
  if (needsBuild()) run(path.join(root, "node_modules/.bin/next"), ["build"], env);
  const port = await freePort();
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (let i = 0; i < 120 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 500));
    const [cluster] = await (await fetch(`${base}/api/clusters`)).json();
    const url = `${base}/clusters/${cluster.id}`;
    const firstRows = [];
    const searches = [];
    for (let r = 0; r <= ROUNDS; r++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t0 = Date.now();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator('[data-testid^="topic-row-"]').first().waitFor({ timeout: 30_000 });
      const first = Date.now() - t0;
      const t1 = Date.now();
      await page.getByLabel("Search topics").fill(`${PREFIX}04999`);
      await page.getByTestId(`topic-row-${PREFIX}04999`).waitFor({ timeout: 30_000 });
      const search = Date.now() - t1;
      await page.close();
      if (r === 0) continue; // the first load warms the server
      firstRows.push(first);
      searches.push(search);
    }
    const f = median(firstRows);
    const s = median(searches);
    out(`topic list with ${COUNT.toLocaleString()}+ topics, median of ${ROUNDS} on a warm server`);
    out(`  open the cluster page → first topic row visible   ${f} ms (target < 1000 ms)`);
    out(`  type a topic name → its row visible               ${s} ms`);
    out(`topics=${COUNT} first_rows_ms=${f} search_ms=${s}`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(1);
});
