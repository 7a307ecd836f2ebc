#!/usr/bin/env node
// `npm run bench:scan`: Topiary's server-side message search next to kcat | jq and raw kcat, in one run.
//
// Loads 1,000,000 JSON messages of about 1 KB into a 6-partition topic on the local broker (once: reused when
// present), starts the console (production build) on BENCH_PORT, then times, median of BENCH_ROUNDS (3):
//   (a) a filtered search through Topiary's own search endpoint, to completion (matches about 0.1%);
//   (b) kcat -C -e -o beginning | jq -c 'select(...)' with the same predicate;
//   (c) kcat -C -e alone: the raw read, our floor;
//   and the time to the first row of a "latest 100" search.
// The last line is key=value pairs (ratio_vs_jq, ratio_vs_raw, first_row_ms, ...). kcat and jq come from Debian's
// packages (apt-get install kcat jq). A benchmark prints figures; it exits 0 when a target is missed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import kafkajs from "kafkajs";
import { ensureKafka } from "../kafka/kafka.mjs";
import { ensureSecretKey, needsBuild, prepareDatabase, run } from "../start.mjs";

const { Kafka, logLevel } = kafkajs;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const num = (name, fallback) => (Number.isFinite(Number(process.env[name])) && process.env[name] ? Number(process.env[name]) : fallback);
const cfg = {
  topic: process.env.BENCH_TOPIC || "bench.scan.1m",
  messages: num("BENCH_MESSAGES", 1_000_000),
  partitions: 6,
  rounds: num("BENCH_ROUNDS", 3),
  port: num("BENCH_PORT", 0),
};
const say = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const out = (line = "") => process.stdout.write(`${line}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TIERS = ["bronze", "silver", "gold"];
// Every 1,000th message is the one we look for: 0.1 %.
const isPlatinum = (i) => i % 1000 === 999;
const JQ_FILTER = 'select(.customer.tier=="platinum")';
const CEL_FILTER = 'value.customer.tier == "platinum"';

function message(i) {
  const m = {
    orderId: `o-${i}`,
    customer: { id: `c-${i % 5000}`, tier: isPlatinum(i) ? "platinum" : TIERS[i % 3], country: ["DE", "FR", "NL", "SE"][i % 4] },
    lines: [
      { sku: `sku-${i % 97}`, qty: 1 + (i % 3), price: 9.5 },
      { sku: `sku-${i % 89}`, qty: 1, price: 21 },
    ],
    total: 40 + (i % 500),
    currency: "EUR",
    createdAt: new Date(1_780_000_000_000 + i * 1000).toISOString(),
  };
  const s = JSON.stringify(m);
  // Pad to about 1 KB with a note, as real order events carry free text.
  return JSON.stringify({ ...m, note: "x".repeat(Math.max(0, 1000 - s.length - 12)) });
}

async function topicCount(admin) {
  if (!(await admin.listTopics()).includes(cfg.topic)) return -1;
  const offsets = await admin.fetchTopicOffsets(cfg.topic);
  return offsets.reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
}

async function loadData(bootstrap) {
  const admin = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let count = await topicCount(admin);
    if (count === cfg.messages) {
      say(`reusing ${cfg.topic} (${count.toLocaleString()} messages)`);
      return;
    }
    if (count >= 0) {
      say(`${cfg.topic} has ${count} messages, not ${cfg.messages}: recreating it`);
      await admin.deleteTopics({ topics: [cfg.topic] });
      for (let i = 0; i < 50 && (await admin.listTopics()).includes(cfg.topic); i++) await new Promise((r) => setTimeout(r, 200));
    }
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: cfg.topic, numPartitions: cfg.partitions }] });
    say(`loading ${cfg.messages.toLocaleString()} messages of about 1 KB with kcat…`);
    const t0 = Date.now();
    const kcat = spawn("kcat", ["-P", "-b", bootstrap, "-t", cfg.topic, "-X", "linger.ms=50", "-X", "batch.num.messages=10000", "-X", "queue.buffering.max.kbytes=1048576"], {
      stdio: ["pipe", "inherit", "inherit"],
    });
    const write = (s) => (kcat.stdin.write(s) ? Promise.resolve() : new Promise((r) => kcat.stdin.once("drain", r)));
    let chunk = "";
    for (let i = 0; i < cfg.messages; i++) {
      chunk += message(i) + "\n";
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = "";
      }
    }
    await write(chunk);
    kcat.stdin.end();
    await new Promise((resolve, reject) => kcat.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`kcat -P exited ${code}`)))));
    count = await topicCount(admin);
    say(`loaded ${count.toLocaleString()} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (count !== cfg.messages) throw new Error(`expected ${cfg.messages} messages, found ${count}`);
  } finally {
    await admin.disconnect();
  }
}

/** Times a shell pipeline, in ms. */
function timeShell(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("bash", ["-o", "pipefail", "-c", cmd], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Runs a search through the console's SSE endpoint; times the first row and the whole search. */
async function timeSearch(base, clusterId, q) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/clusters/${clusterId}/scan?q=${encodeURIComponent(JSON.stringify(q))}`);
  if (!res.ok) throw new Error(`search answered ${res.status}: ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let firstRowMs = null;
  let matched = 0;
  let done = null;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === "messages") {
        firstRowMs ??= performance.now() - t0;
        matched += JSON.parse(data).length;
      } else if (event === "done") done = JSON.parse(data);
      else if (event === "error") throw new Error(`search failed: ${data}`);
    }
  }
  return { ms: performance.now() - t0, firstRowMs, matched, done };
}

async function startConsole(bootstrap) {
  const dir = path.join(root, ".topiary/bench-scan");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, KAFKA_BROKERS: bootstrap, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, TOPIARY_LOG_LEVEL: "warn", AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" };
  ensureSecretKey(env);
  prepareDatabase(env);
  if (needsBuild()) {
    say("building the console…");
    run(path.join(root, "node_modules/.bin/next"), ["build"], env);
  }
  // A free port unless one is given: another console (or a benchmark) may hold the usual ones.
  const port =
    cfg.port ||
    (await new Promise((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    }));
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error("the console did not start");
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const clusters = await (await fetch(`${base}/api/clusters`)).json();
  return { server, base, clusterId: clusters[0].id };
}

async function main() {
  for (const tool of ["kcat", "jq"]) {
    if (spawnSync("which", [tool]).status !== 0) throw new Error(`${tool} is missing: apt-get install kcat jq`);
  }
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  await loadData(bootstrap);
  const expected = Array.from({ length: cfg.messages }, (_, i) => i).filter(isPlatinum).length;
  const { server, base, clusterId } = await startConsole(bootstrap);
  try {
    const query = { topic: cfg.topic, start: { kind: "earliest" }, expression: CEL_FILTER, limit: 10_000, maxScanned: 50_000_000, maxDurationMs: 600_000 };
    say("warming up the console…");
    await timeSearch(base, clusterId, { ...query, maxScanned: 50_000 });

    const kcatBase = `kcat -C -b ${bootstrap} -t ${cfg.topic} -o beginning -e -q -f '%s\\n'`;
    const ours = [];
    const jq = [];
    const raw = [];
    const firstRows = [];
    for (let r = 0; r < cfg.rounds; r++) {
      say(`round ${r + 1}/${cfg.rounds}`);
      const a = await timeSearch(base, clusterId, query);
      if (a.matched !== expected || a.done?.reason !== "completed") throw new Error(`Topiary found ${a.matched} (${a.done?.reason}), expected ${expected}`);
      ours.push(a.ms);
      const b = timeShell(`${kcatBase} | jq -c '${JQ_FILTER}' | wc -l`);
      if (Number(b.stdout.trim()) !== expected) throw new Error(`kcat | jq found ${b.stdout.trim()}, expected ${expected}`);
      jq.push(b.ms);
      const c = timeShell(`${kcatBase} | wc -l`);
      if (Number(c.stdout.trim()) !== cfg.messages) throw new Error(`kcat read ${c.stdout.trim()} messages, expected ${cfg.messages}`);
      raw.push(c.ms);
      const latest = await timeSearch(base, clusterId, { topic: cfg.topic, start: { kind: "latest", count: 100 }, limit: 100 });
      firstRows.push(latest.firstRowMs ?? latest.ms);
    }
    const o = median(ours);
    const j = median(jq);
    const w = median(raw);
    const f = median(firstRows);
    out(`message search over ${cfg.messages.toLocaleString()} messages of about 1 KB, ${cfg.partitions} partitions, ${expected} matches (0.1 %), median of ${cfg.rounds}`);
    out(`  (a) Topiary search endpoint        ${(o / 1000).toFixed(2)} s  (${Math.round(cfg.messages / (o / 1000)).toLocaleString()} msg/s)`);
    out(`  (b) kcat | jq select(...)          ${(j / 1000).toFixed(2)} s`);
    out(`  (c) kcat raw read                  ${(w / 1000).toFixed(2)} s`);
    out(`  latest 100, time to first row      ${f.toFixed(0)} ms`);
    out(`  (a)/(b) = ${(o / j).toFixed(2)} (target <= 1.0)   (a)/(c) = ${(o / w).toFixed(2)} (target <= 3.0)   first row target < 1000 ms`);
    out(
      `ours_ms=${o.toFixed(0)} jq_ms=${j.toFixed(0)} raw_ms=${w.toFixed(0)} ratio_vs_jq=${(o / j).toFixed(3)} ratio_vs_raw=${(o / w).toFixed(3)} first_row_ms=${f.toFixed(0)} messages=${cfg.messages} matches=${expected}`,
    );
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(1);
});
