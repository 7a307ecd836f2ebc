#!/usr/bin/env node
// `npm run bench:topics`: how fast the topic list shows its first rows with BENCH_TOPICS topics (5,000; the big
// size is 50,000), and how much memory the console holds meanwhile.
//
// Creates the one-partition topics bench.t.00000 … once (reused when present: only missing ones are created, in
// batches, without waiting for leaders), starts the console (production build), warms it with one page load,
// then opens the cluster page BENCH_ROUNDS times (3) in headless Chromium and measures navigation start → first
// topic row visible, and typing the last topic's name → its row visible. The console's RSS (its process and
// children, from /proc) is sampled every 250 ms throughout. Targets: first rows and the typed row within 1 s on
// a warm server; memory bounded.
//
// A broker keeps one open file per partition, and the hard limit on open files (`ulimit -Hn`, 20,000 on the
// machine this was written on; raising it needs CAP_SYS_RESOURCE) caps how many partitions one broker can hold.
// When BENCH_TOPICS does not fit one broker, the topics go to the local multi-broker cluster (kafka.mjs
// --brokers N, port 29092), which spreads them over its brokers. BENCH_BROKERS chooses the count; KAFKA_BROKERS
// names a cluster of your own instead.
// Prints figures; the last line is key=value pairs. Exits 0 when a target is missed.
import { spawnSync } from "node:child_process";
import kafkajs from "kafkajs";
import { ensureKafka } from "../kafka/kafka.mjs";
import { launchChromium, machineLine, machinePairs, mb, median, num, out, say, sampleRss, startConsole, treeRss, clusterOf } from "./bench-console.mjs";

const { Kafka, logLevel } = kafkajs;
const COUNT = num("BENCH_TOPICS", 5000);
const ROUNDS = num("BENCH_ROUNDS", 3);
const PREFIX = "bench.t.";
const BATCH = 1000;
const topicName = (i) => `${PREFIX}${String(i).padStart(5, "0")}`;
/** Open files a broker needs besides one per partition (sockets, jars, other topics' segments). */
const FD_RESERVE = 4000;

function openFileLimit() {
  const r = spawnSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : Infinity; // "unlimited"
}

/** The cluster to hold COUNT topics: one local broker when they fit its open-file limit, else several. */
async function clusterFor() {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const limit = openFileLimit();
  const perBroker = Math.max(1000, limit - FD_RESERVE);
  const brokers = num("BENCH_BROKERS", Math.max(1, Math.ceil((COUNT + 100) / perBroker)));
  if (brokers > 5) throw new Error(`${COUNT} topics need ${brokers} brokers at ${limit} open files each; kafka.mjs starts at most 5`);
  if (brokers > 1) say(`${COUNT} one-partition topics do not fit one broker's ${limit} open files: using the local ${brokers}-broker cluster`);
  return (await ensureKafka({ brokers })).bootstrap;
}

async function ensureTopics(bootstrap) {
  const admin = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING, requestTimeout: 120_000 }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Array.from({ length: COUNT }, (_, i) => topicName(i)).filter((t) => !existing.has(t));
    if (!missing.length) return say(`reusing ${COUNT} topics`);
    say(`creating ${missing.length} topics in batches of ${BATCH}…`);
    const t0 = Date.now();
    for (let i = 0; i < missing.length; i += BATCH) {
      const topics = missing.slice(i, i + BATCH).map((topic) => ({ topic, numPartitions: 1 }));
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.createTopics({ waitForLeaders: false, timeout: 120_000, topics });
          break;
        } catch (e) {
          // A batch that timed out may have been created all the same: only what is still missing again.
          if (attempt >= 3) throw e;
          const now = new Set(await admin.listTopics());
          topics.splice(0, topics.length, ...topics.filter((t) => !now.has(t.topic)));
          if (!topics.length) break;
        }
      }
      if ((i / BATCH) % 5 === 4) say(`  ${Math.min(i + BATCH, missing.length)}/${missing.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    say(`created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const bootstrap = await clusterFor();
  await ensureTopics(bootstrap);
  if (process.env.BENCH_SEED_ONLY === "1") return;
  const app = await startConsole({ name: "bench-topics", bootstrap, env: { AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" } });
  const browser = await launchChromium();
  try {
    const cluster = await clusterOf(app.base);
    const url = `${app.base}/clusters/${cluster.id}`;
    const target = topicName(COUNT - 1);
    const firstRows = [];
    const searches = [];
    const afterRound = [];
    let listed = null;
    let rss = null;
    for (let r = 0; r <= ROUNDS; r++) {
      if (r === 1) rss = sampleRss(app.pid); // the measured rounds, warm
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t0 = Date.now();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator('[data-testid^="topic-row-"]').first().waitFor({ timeout: 60_000 });
      const first = Date.now() - t0;
      const t1 = Date.now();
      await page.getByLabel("Search topics").fill(target);
      await page.getByTestId(`topic-row-${target}`).waitFor({ timeout: 60_000 });
      const search = Date.now() - t1;
      await page.close();
      say(`${r === 0 ? "warm-up" : `round ${r}/${ROUNDS}`}: first rows ${first} ms, typed name ${search} ms, console RSS ${mb(treeRss(app.pid))} MB`);
      if (r === 0) {
        const res = await fetch(`${app.base}/api/clusters/${cluster.id}/topics?pageSize=1&internal=true`);
        listed = (await res.json()).total;
        continue; // the first load warms the server
      }
      firstRows.push(first);
      searches.push(search);
      afterRound.push(treeRss(app.pid));
    }
    const { peak } = rss.stop();
    const f = median(firstRows);
    const s = median(searches);
    const last = afterRound[afterRound.length - 1];
    out(`topic list with ${COUNT.toLocaleString()} bench topics (${listed?.toLocaleString() ?? "?"} in the cluster, ${bootstrap.split(",").length} broker(s)), median of ${ROUNDS} on a warm server`);
    out(`  open the cluster page → first topic row visible   ${String(f).padStart(5)} ms (target < 1000 ms)`);
    out(`  type a topic name → its row visible               ${String(s).padStart(5)} ms (target < 1000 ms)`);
    out(`  console RSS (next start and children)             ${mb(last).padStart(5)} MB after the rounds, peak ${mb(peak)} MB`);
    out(`  ${machineLine()}`);
    out(`topics=${COUNT} listed=${listed} first_rows_ms=${f} search_ms=${s} rss_mb=${mb(last)} rss_peak_mb=${mb(peak)} ${machinePairs()}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((e) => {
  say(`error: ${e.message}`);
  process.exit(1);
});
