#!/usr/bin/env node
// `npm run bench:quick`: the regression guard CI can afford. Each benchmark at a small size, one round:
//   scan     100,000 messages (filtered search vs raw kcat and kcat | jq)
//   topics   2,000 topics (first rows and a typed name in Chromium)
//   lag      500 groups × 12 partitions (snapshot vs Kafka's consumer-groups tool, exact)
//   canvas   1,000 nodes (designer vs a bare React Flow page), when the console's build is current: it runs on
//            that build (BENCH_DIST_DIR=.next), so `npm test`'s build is reused and nothing is built here
// and a table of their ratios and times at the end. Seeded data is reused between runs, as by each benchmark.
// It prints; it never fails on figures (exit 0 unless told BENCH_QUICK_STRICT=1 and a benchmark could not run).
// The local broker (KAFKA_BROKERS, else the one on 9092) is started when it does not run, and stopped again after.
// The last line is key=value pairs. BENCH_QUICK_SKIP=canvas,lag leaves benchmarks out.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ensureKafka, stopKafka } from "../kafka/kafka.mjs";
import { needsBuild } from "../start.mjs";
import { machineLine, machinePairs, out, root, say } from "./bench-console.mjs";

const skip = new Set((process.env.BENCH_QUICK_SKIP ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const has = (tool) => spawnSync("which", [tool]).status === 0;

const benches = [
  {
    name: "scan",
    script: "scan.mjs",
    env: { BENCH_MESSAGES: "100000", BENCH_ROUNDS: "1" },
    missing: () => (has("kcat") && has("jq") ? null : "kcat and jq are not installed (apt-get install kcat jq)"),
    show: (kv) => [
      ["search vs raw kcat", kv.ratio_vs_raw, "≤ 1.0"],
      ["search vs kcat | jq", kv.ratio_vs_jq, "≤ 1.0"],
      ["search RSS peak MB", kv.rss_peak_mb, "< 512"],
    ],
  },
  {
    name: "topics",
    script: "topics.mjs",
    env: { BENCH_TOPICS: "2000", BENCH_ROUNDS: "1" },
    missing: () => (has(process.env.CHROMIUM_PATH || "chromium") ? null : "no Chromium"),
    show: (kv) => [
      ["first rows ms / 1000 ms", ratioOf(kv.first_rows_ms, 1000), "≤ 1.0"],
      ["typed name ms / 1000 ms", ratioOf(kv.search_ms, 1000), "≤ 1.0"],
    ],
  },
  {
    name: "lag",
    script: "lag.mjs",
    env: { BENCH_GROUPS: "500", BENCH_ROUNDS: "1" },
    missing: () => (has("java") && has(process.env.CHROMIUM_PATH || "chromium") ? null : "no java or Chromium"),
    show: (kv) => [
      ["snapshot vs Kafka's tool", kv.ratio, "≤ 0.5"],
      ["lag mismatches", kv.mismatches, "0"],
      ["groups page ms / 1000 ms", ratioOf(kv.groups_page_ms, 1000), "≤ 1.0"],
    ],
  },
  {
    name: "canvas",
    script: "canvas.mjs",
    env: { BENCH_NODES: "1000", BENCH_EDGES: "1200", BENCH_ROUNDS: "1", BENCH_DIST_DIR: ".next", BENCH_REBUILD: "0" },
    missing: () => (needsBuild() ? "the console's build (.next) is not current: run after npm test or npm run build" : null),
    show: (kv) =>
      ["render", "pan", "drag"].map((m) => [`${m} vs bare React Flow`, kv[`${m}_ratio`] ?? (m === "drag" ? kv.frame_ratio : undefined), "≤ 1.5"]),
  },
];

function ratioOf(ms, target) {
  return ms === undefined ? undefined : (Number(ms) / target).toFixed(2);
}

/** Runs one benchmark; its stdout goes to ours as it comes; gives its last key=value line and its time. */
function runBench(b, bootstrap) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const env = { ...process.env, KAFKA_BROKERS: bootstrap, ...b.env };
    const child = spawn(process.execPath, [path.join(root, "scripts/bench", b.script)], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.on("close", (code) => {
      const last = text.trim().split("\n").pop() ?? "";
      const kv = Object.fromEntries([...last.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
      resolve({ code, kv, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

async function main() {
  const t0 = Date.now();
  const kafka = process.env.KAFKA_BROKERS ? { bootstrap: process.env.KAFKA_BROKERS, started: false } : await ensureKafka({});
  try {
    await runAll(t0, kafka.bootstrap);
  } finally {
    if (kafka.started) await stopKafka({});
  }
}

async function runAll(t0, bootstrap) {
  const rows = [];
  const pairs = [];
  let failed = 0;
  for (const b of benches) {
    const why = skip.has(b.name) ? "left out (BENCH_QUICK_SKIP)" : b.missing();
    if (why) {
      say(`${b.name}: skipped, ${why}`);
      rows.push([b.name, "skipped", why, ""]);
      continue;
    }
    out(`--- bench:${b.name} (${Object.entries(b.env).map(([k, v]) => `${k}=${v}`).join(" ")})`);
    const r = await runBench(b, bootstrap);
    if (r.code !== 0 || !Object.keys(r.kv).length) {
      failed++;
      rows.push([b.name, "did not run", `exit ${r.code}`, `${r.seconds.toFixed(0)} s`]);
      continue;
    }
    for (const [label, value, target] of b.show(r.kv)) {
      rows.push([b.name, label, value ?? "?", target, `${r.seconds.toFixed(0)} s`]);
      if (value !== undefined) pairs.push(`${b.name}_${label.replace(/[^a-z]+/gi, "_").replace(/^_|_$/g, "").toLowerCase()}=${value}`);
    }
  }
  const total = (Date.now() - t0) / 1000;
  out();
  out("bench:quick — small sizes, one round each; figures, not a pass/fail (a slowdown shows as a ratio that grew)");
  for (const [name, label, value, target, time] of rows) out(`  ${name.padEnd(7)} ${String(label).padEnd(28)} ${String(value).padStart(8)}   ${target ? `target ${target}` : ""}${time ? `   (${time})` : ""}`);
  out(`  total ${total.toFixed(0)} s; ${machineLine()}`);
  out(`${pairs.join(" ")} total_s=${total.toFixed(0)} ${machinePairs()}`);
  if (failed && process.env.BENCH_QUICK_STRICT === "1") process.exitCode = 1;
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(process.env.BENCH_QUICK_STRICT === "1" ? 1 : 0);
});
