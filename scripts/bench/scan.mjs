#!/usr/bin/env node
// `npm run bench:scan`: Topiary's server-side message search next to kcat | jq and raw kcat, in one run.
//
// Loads BENCH_MESSAGES (1,000,000; the big size is 10,000,000, about 10 GB) JSON messages of about 1 KB into a
// 6-partition topic on the local broker (bench.scan.1m, .10m, .100k: once, reused when present), starts the
// console (production build) on BENCH_PORT, then times, median of BENCH_ROUNDS (3):
//   (a) a filtered search through Topiary's own search endpoint, to completion (matches about 0.1%), while the
//       console's RSS (its process and children, /proc VmRSS) is sampled every 250 ms (target: peak < 512 MB);
//   (b) kcat -C -e -o beginning | jq -c 'select(...)' with the same predicate (every round up to 2M messages,
//       once above: BENCH_JQ_ROUNDS);
//   (c) kcat -C -e alone: the raw read (target: (a) at most 1.0× this);
//   and the time to the first row of a "latest 100" search.
// The last line is key=value pairs (ratio_vs_jq, ratio_vs_raw, first_row_ms, rss_peak_mb, ...). kcat and jq come
// from Debian's packages (apt-get install kcat jq). A benchmark prints figures; it exits 0 when a target is missed.
import { spawn, spawnSync } from "node:child_process";
import kafkajs from "kafkajs";
import { ensureKafka } from "../kafka/kafka.mjs";
import { clusterOf, machineLine, machinePairs, mb, median, num, out, processTree, say, sampleRss, startConsole, threadCpuMs } from "./bench-console.mjs";

// BENCH_FORMAT=avro|protobuf: the same search over Schema-Registry-framed values, in scan-format.mjs (issue 19).
if (process.env.BENCH_FORMAT === "avro" || process.env.BENCH_FORMAT === "protobuf") await import("./scan-format.mjs");

const { Kafka, logLevel } = kafkajs;
const messages = num("BENCH_MESSAGES", 1_000_000);
/** 1m, 10m, 100k, … (the size in the topic's name: each size keeps its own topic). */
const sizeLabel = (n) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n));
const cfg = {
  topic: process.env.BENCH_TOPIC || `bench.scan.${sizeLabel(messages)}`,
  messages,
  partitions: 6,
  rounds: num("BENCH_ROUNDS", 3),
  jqRounds: num("BENCH_JQ_ROUNDS", messages > 2_000_000 ? 1 : num("BENCH_ROUNDS", 3)),
  port: num("BENCH_PORT", 0),
};
const TIERS = ["bronze", "silver", "gold"];
// Every 1,000th message is the one we look for: 0.1 %. A search returns at most 10,000 matches, so from 10,000,000
// messages on the search also names one customer (c-999, a fifth of those: 0.02 %), and reads to the end as kcat does.
const isPlatinum = (i) => i % 1000 === 999;
const NARROW = messages / 1000 >= 10_000;
const isWanted = NARROW ? (i) => isPlatinum(i) && i % 5000 === 999 : isPlatinum;
const JQ_FILTER = NARROW ? 'select(.customer.tier=="platinum" and .customer.id=="c-999")' : 'select(.customer.tier=="platinum")';
const CEL_FILTER = NARROW ? 'value.customer.tier == "platinum" && value.customer.id == "c-999"' : 'value.customer.tier == "platinum"';

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

async function main() {
  for (const tool of ["kcat", "jq"]) {
    if (spawnSync("which", [tool]).status !== 0) throw new Error(`${tool} is missing: apt-get install kcat jq`);
  }
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  await loadData(bootstrap);
  if (process.env.BENCH_SEED_ONLY === "1") return;
  let expected = 0;
  for (let i = 0; i < cfg.messages; i++) if (isWanted(i)) expected++;
  const app = await startConsole({ name: "bench-scan", bootstrap, port: cfg.port, env: { AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" } });
  const { base, pid } = app;
  const clusterId = (await clusterOf(base)).id;
  try {
    const query = { topic: cfg.topic, start: { kind: "earliest" }, expression: CEL_FILTER, limit: 10_000, maxScanned: 50_000_000, maxDurationMs: 600_000 };
    say("warming up the console…");
    await timeSearch(base, clusterId, { ...query, maxScanned: 50_000 });

    const kcatBase = `kcat -C -b ${bootstrap} -t ${cfg.topic} -o beginning -e -q -f '%s\\n'`;
    const ours = [];
    const jq = [];
    const raw = [];
    const firstRows = [];
    let rssPeak = 0;
    const cpu = [];
    // The server is the next start process's child when `next` forks one; threads are counted in the busiest.
    const serverPid = () => processTree(pid).reduce((best, p) => (threadCpuMs(p).main + threadCpuMs(p).others > threadCpuMs(best).main + threadCpuMs(best).others ? p : best), pid);
    for (let r = 0; r < cfg.rounds; r++) {
      say(`round ${r + 1}/${cfg.rounds}`);
      const rss = sampleRss(pid, 250);
      const server = serverPid();
      const cpu0 = threadCpuMs(server);
      const a = await timeSearch(base, clusterId, query);
      const cpu1 = threadCpuMs(server);
      const { peak } = rss.stop();
      rssPeak = Math.max(rssPeak, peak);
      cpu.push({ main: cpu1.main - cpu0.main, others: cpu1.others - cpu0.others, wall: a.ms });
      if (a.matched !== expected || a.done?.reason !== "completed") throw new Error(`Topiary found ${a.matched} (${a.done?.reason}), expected ${expected}`);
      ours.push(a.ms);
      if (r < cfg.jqRounds) {
        const b = timeShell(`${kcatBase} | jq -c '${JQ_FILTER}' | wc -l`);
        if (Number(b.stdout.trim()) !== expected) throw new Error(`kcat | jq found ${b.stdout.trim()}, expected ${expected}`);
        jq.push(b.ms);
      }
      const c = timeShell(`${kcatBase} | wc -l`);
      if (Number(c.stdout.trim()) !== cfg.messages) throw new Error(`kcat read ${c.stdout.trim()} messages, expected ${cfg.messages}`);
      raw.push(c.ms);
      const latest = await timeSearch(base, clusterId, { topic: cfg.topic, start: { kind: "latest", count: 100 }, limit: 100 });
      firstRows.push(latest.firstRowMs ?? latest.ms);
      const c0 = cpu[cpu.length - 1];
      say(`  Topiary ${(a.ms / 1000).toFixed(2)} s (RSS peak ${mb(peak)} MB; CPU: main thread ${(c0.main / 1000).toFixed(1)} s, other threads ${(c0.others / 1000).toFixed(1)} s)${r < cfg.jqRounds ? `, kcat | jq ${(jq[jq.length - 1] / 1000).toFixed(2)} s` : ""}, kcat ${(c.ms / 1000).toFixed(2)} s`);
    }
    const o = median(ours);
    const j = median(jq);
    const w = median(raw);
    const f = median(firstRows);
    out(`message search over ${cfg.messages.toLocaleString()} messages of about 1 KB, ${cfg.partitions} partitions, ${expected} matches (${((100 * expected) / cfg.messages).toFixed(2)} %: ${CEL_FILTER}), median of ${cfg.rounds}`);
    out(`  (a) Topiary search endpoint        ${(o / 1000).toFixed(2)} s  (${Math.round(cfg.messages / (o / 1000)).toLocaleString()} msg/s)`);
    out(`  (b) kcat | jq select(...)          ${(j / 1000).toFixed(2)} s`);
    out(`  (c) kcat raw read                  ${(w / 1000).toFixed(2)} s`);
    out(`  latest 100, time to first row      ${f.toFixed(0)} ms`);
    out(`  console RSS during the searches     peak ${mb(rssPeak)} MB (target < 512 MB)`);
    const mid = cpu.find((c) => c.wall === o) ?? cpu[0];
    out(`  console CPU during the median search: main thread ${(mid.main / 1000).toFixed(1)} s, other threads (filter workers, I/O, GC) ${(mid.others / 1000).toFixed(1)} s, over ${(o / 1000).toFixed(1)} s: ${((mid.main + mid.others) / o).toFixed(2)} cores busy`);
    out(`  (a)/(b) = ${(o / j).toFixed(2)}   (a)/(c) = ${(o / w).toFixed(2)} (target <= 1.0)   first row target < 1000 ms`);
    out(`  ${machineLine()}`);
    out(
      `ours_ms=${o.toFixed(0)} jq_ms=${j.toFixed(0)} raw_ms=${w.toFixed(0)} ratio_vs_jq=${(o / j).toFixed(3)} ratio_vs_raw=${(o / w).toFixed(3)} first_row_ms=${f.toFixed(0)} rss_peak_mb=${mb(rssPeak)} cores_busy=${((mid.main + mid.others) / o).toFixed(2)} messages=${cfg.messages} matches=${expected} ${machinePairs()}`,
    );
  } finally {
    await app.stop();
  }
}

main().catch((e) => {
  say(`error: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message ?? e.cause})` : ""}`);
  process.exit(1);
});
