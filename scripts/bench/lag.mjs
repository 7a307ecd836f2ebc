#!/usr/bin/env node
// `npm run bench:lag`: Topiary's full lag snapshot next to Apache Kafka's own consumer-groups tool, in one run.
//
// Seeds (once: reused when present) a 12-partition topic with uneven end offsets and BENCH_GROUPS (2,000; the big
// size is 20,000) groups with committed offsets on every partition (committed straight to each group's
// coordinator, as Kafka's own tools do: OffsetCommit with generation -1, many at once), starts the console
// (production build, background sampler off) on BENCH_PORT, then measures:
//   - one sampling round: the first read of the groups route takes the sampler's round (snapshot, verdicts,
//     history written, listeners) and answers a page; the console's CPU time around it (/proc utime + stime);
//   - the groups page in headless Chromium, BENCH_ROUNDS times on a warm server: navigation start → first group
//     row visible (target < 1 s);
//   then, median of BENCH_ROUNDS (3):
//   (a) Topiary's snapshot route (the sampler's own fetchLagSnapshot), HTTP wall time to the last byte, the
//       server's own tookMs around the function (target < 5 s at 20,000 groups), and the console's CPU time;
//   (b) kafka-consumer-groups --describe --all-groups (ConsumerGroupCommand from the same Maven jars as the local
//       broker), wall time of the java process (minutes at 20,000 groups: it is the comparison).
// Then compares every group/partition lag of the bench groups between the two (nothing produces meanwhile).
// The last line is key=value pairs (ratio=, mismatches=, ...). A benchmark prints figures; it exits 0 when a
// target is missed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import kafkajs from "kafkajs";
import { ensureKafka, resolveJars } from "../kafka/kafka.mjs";
import { clusterOf, launchChromium, machineLine, machinePairs, mapLimit, mb, median, num, out, root, say, sleep, startConsole, treeCpuMs, treeRss } from "./bench-console.mjs";

const { Kafka, logLevel } = kafkajs;
const cfg = {
  topic: "bench.lag.12",
  partitions: 12,
  groupPrefix: "bench.lag.g.",
  groups: num("BENCH_GROUPS", 2000),
  rounds: num("BENCH_ROUNDS", 3),
  port: num("BENCH_PORT", 0),
  // Commits and checks straight to the coordinators: each is one small request.
  seedConcurrency: 64,
  // Kafka's tool takes minutes on 20,000 groups: a single run then (it is the comparison, not the measure).
  toolRounds: num("BENCH_TOOL_ROUNDS", num("BENCH_GROUPS", 2000) > 5000 ? 1 : num("BENCH_ROUNDS", 3)),
};
const benchDir = path.join(root, ".topiary/bench-lag");
const BIG_GROUPS = 5000;

// The data is a pure function of the indexes, so a reused topic and groups can be checked against it.
// End offsets from about 50 to 750, no two partitions alike.
const endOf = (p) => 50 + ((p * 5) % 12) * 61 + p * 3;
// A committed offset in [0, end - 1]: every lag is at least 1, and lags differ between groups and partitions.
const committedOf = (g, p) => Math.floor((endOf(p) * ((g * 7919 + p * 3571) % 1000)) / 1000);
// Four digits as before (the 2,000 groups of earlier runs are reused), five from 10,000 on.
const groupId = (g) => `${cfg.groupPrefix}${String(g).padStart(4, "0")}`;
const key = (group, topic, partition) => `${group}\u0000${topic}\u0000${partition}`;

async function topicIsSeeded(admin) {
  if (!(await admin.listTopics()).includes(cfg.topic)) return null;
  const offsets = await admin.fetchTopicOffsets(cfg.topic);
  return offsets.length === cfg.partitions && offsets.every((o) => Number(o.low) === 0 && Number(o.high) === endOf(o.partition));
}

async function seedTopic(kafka, admin) {
  const seeded = await topicIsSeeded(admin);
  if (seeded) {
    say(`reusing ${cfg.topic}`);
    return;
  }
  if (seeded === false) {
    say(`${cfg.topic} does not hold the expected offsets: recreating it`);
    await admin.deleteTopics({ topics: [cfg.topic] });
    for (let i = 0; i < 50 && (await admin.listTopics()).includes(cfg.topic); i++) await sleep(200);
  }
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: cfg.topic, numPartitions: cfg.partitions }] });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let p = 0; p < cfg.partitions; p++) {
      const messages = Array.from({ length: endOf(p) }, (_, i) => ({ partition: p, value: JSON.stringify({ p, i }) }));
      await producer.send({ topic: cfg.topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
  if (!(await topicIsSeeded(admin))) throw new Error(`${cfg.topic} does not hold the expected end offsets after producing`);
  const total = Array.from({ length: cfg.partitions }, (_, p) => endOf(p)).reduce((a, b) => a + b, 0);
  say(`produced ${total.toLocaleString()} messages into ${cfg.topic}`);
}

/**
 * kafkajs' low-level client (its Cluster, reached through the private factory as server/kafka/raw-cluster.ts does):
 * OffsetFetch and OffsetCommit straight to a group's coordinator. admin.setOffsets joins the group as a consumer
 * and waits for a fetch first, about 5 s per group; admin.fetchOffsets looks the coordinator up each time.
 */
async function lowLevel(kafka) {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  if (!symbol) throw new Error("this kafkajs version has no cluster factory (expected kafkajs 2.2.x)");
  const cluster = kafka[symbol]({ allowAutoTopicCreation: false, maxInFlightRequests: null });
  await cluster.connect();
  await cluster.addTargetTopic(cfg.topic);
  const coordinators = new Map();
  const coordinatorOf = async (group) => {
    let c = coordinators.get(group);
    if (!c) {
      c = cluster.findGroupCoordinator({ groupId: group });
      coordinators.set(group, c);
      c.catch(() => coordinators.delete(group));
    }
    return c;
  };
  const retrying = async (group, what, fn) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(await coordinatorOf(group));
      } catch (e) {
        coordinators.delete(group); // moved, or not loaded yet: look it up again
        if (attempt >= 4) throw new Error(`${what} ${group}: ${e.message}`);
        await sleep(250 * attempt);
      }
    }
  };
  return {
    committed: (group) =>
      retrying(group, "OffsetFetch", async (broker) => {
        const res = await broker.offsetFetch({ groupId: group, topics: [{ topic: cfg.topic, partitions: Array.from({ length: cfg.partitions }, (_, partition) => ({ partition })) }] });
        return res.responses.find((t) => t.topic === cfg.topic)?.partitions ?? [];
      }),
    commit: (group, partitions) =>
      retrying(group, "OffsetCommit", (broker) => broker.offsetCommit({ groupId: group, groupGenerationId: -1, memberId: "", topics: [{ topic: cfg.topic, partitions }] })),
    disconnect: () => cluster.disconnect(),
  };
}

/** Groups whose committed offsets are not (all) the seeded ones: missing, or changed since. */
async function groupsToSeed(low) {
  const all = Array.from({ length: cfg.groups }, (_, g) => g);
  const stale = await mapLimit(all, cfg.seedConcurrency, async (g) => {
    const parts = (await low.committed(groupId(g))).filter((x) => Number(x.offset) >= 0);
    return parts.length !== cfg.partitions || parts.some((x) => Number(x.offset) !== committedOf(g, x.partition));
  });
  return all.filter((g, i) => stale[i]);
}

async function seedGroups(kafka) {
  const low = await lowLevel(kafka);
  try {
    const t0 = Date.now();
    const todo = await groupsToSeed(low);
    if (!todo.length) {
      say(`reusing ${cfg.groups} groups ${groupId(0)}…${groupId(cfg.groups - 1)} (checked in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return;
    }
    say(`committing offsets for ${todo.length} groups (OffsetCommit to each coordinator, ${cfg.seedConcurrency} at a time)…`);
    const t1 = Date.now();
    let done = 0;
    await mapLimit(todo, cfg.seedConcurrency, async (g) => {
      await low.commit(groupId(g), Array.from({ length: cfg.partitions }, (_, p) => ({ partition: p, offset: String(committedOf(g, p)) })));
      if (++done % 2500 === 0) say(`  ${done}/${todo.length}`);
    });
    const left = await groupsToSeed(low);
    if (left.length) throw new Error(`${left.length} groups still lack the seeded offsets (first: ${groupId(left[0])})`);
    say(`seeded ${todo.length} groups in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    await low.disconnect();
  }
}

async function startLagConsole(bootstrap) {
  // Single-user local use: the bench reads the routes without signing in. The background sampler would take
  // the same snapshot every 15 s beside the timed ones: off, so each timing is one snapshot alone (the route
  // calls the same function).
  const app = await startConsole({ name: "bench-lag", bootstrap, port: cfg.port, env: { AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" } });
  try {
    return { ...app, clusterId: (await clusterOf(app.base)).id };
  } catch (e) {
    await app.stop();
    throw e;
  }
}

/** One snapshot through the console's route: wall time to the last byte, the server's own tookMs, its CPU time. */
async function timeSnapshot(base, clusterId, pid) {
  const cpu0 = treeCpuMs(pid);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/clusters/${clusterId}/lag/snapshot`);
  const body = await res.text();
  const ms = performance.now() - t0;
  const cpuMs = treeCpuMs(pid) - cpu0;
  if (!res.ok) throw new Error(`the snapshot route answered ${res.status}: ${body.slice(0, 500)}`);
  const snapshot = JSON.parse(body);
  const lags = new Map();
  let groups = 0;
  for (const g of snapshot.groups) {
    if (!g.groupId.startsWith(cfg.groupPrefix)) continue;
    groups++;
    for (const p of g.partitions) lags.set(key(g.groupId, p.topic, p.partition), p.lag);
  }
  return { ms, tookMs: snapshot.tookMs, cpuMs, bytes: body.length, groups, lags };
}

/**
 * One sampling round, as the console takes it: with the background sampler off and no sample yet, the first
 * read of the groups route takes the round (snapshot, verdicts, history written, listeners) and then answers one
 * page. Wall time and the console's CPU time around it.
 */
async function timeSamplingRound(base, clusterId, pid) {
  const cpu0 = treeCpuMs(pid);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/clusters/${clusterId}/groups?pageSize=100`);
  const body = await res.json();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`the groups route answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return { ms, cpuMs: treeCpuMs(pid) - cpu0, tookMs: body.tookMs, groups: body.total ?? body.matched };
}

/** The groups page in Chromium: navigation start → first group row visible, on a warm server. */
async function timeGroupsPage(base, clusterId) {
  const browser = await launchChromium();
  try {
    const times = [];
    for (let r = 0; r <= cfg.rounds; r++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t0 = Date.now();
      await page.goto(`${base}/clusters/${clusterId}/groups`, { waitUntil: "commit" });
      await page.getByTestId("group-row").first().waitFor({ timeout: 60_000 });
      const ms = Date.now() - t0;
      await page.close();
      say(`groups page ${r === 0 ? "warm-up" : `round ${r}/${cfg.rounds}`}: first rows ${ms} ms`);
      if (r > 0) times.push(ms); // the first load warms the server
    }
    return median(times);
  } finally {
    await browser.close();
  }
}

function toolLog4j() {
  // Like Kafka's config/tools-log4j2.yaml: warnings and worse, to stderr.
  const file = path.join(benchDir, "tools-log4j2.properties");
  fs.writeFileSync(
    file,
    ["status = warn", "appender.err.type = Console", "appender.err.name = stderr", "appender.err.target = SYSTEM_ERR", "appender.err.layout.type = PatternLayout", "appender.err.layout.pattern = [%d] %p %m (%c)%n", "rootLogger.level = WARN", "rootLogger.appenderRef.err.ref = stderr", ""].join("\n"),
  );
  return file;
}

/** kafka-consumer-groups.sh --describe --all-groups, as bin/kafka-run-class.sh runs it (same heap and GC flags). */
async function timeKafkaTool(libs, log4j, bootstrap) {
  const args = [
    "-Xmx256M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true", `-Dlog4j2.configurationFile=${log4j}`, "-cp", `${libs}/*`,
    "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", bootstrap, "--describe", "--all-groups",
  ];
  // Not spawnSync: a blocked event loop keeps fetch's idle keep-alive socket to the console past the server's
  // timeout, and the next snapshot request then fails on the closed socket.
  const t0 = performance.now();
  const r = await new Promise((resolve, reject) => {
    const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (b) => stdout.push(b));
    child.stderr.on("data", (b) => stderr.push(b));
    child.once("error", (e) => reject(new Error(`could not run java: ${e.message}`)));
    child.once("close", (status) => resolve({ status, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`the Kafka tool exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 2000)}`);
  // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID; "-" is none.
  const lags = new Map();
  const groups = new Set();
  for (const line of r.stdout.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 6 || !cols[0].startsWith(cfg.groupPrefix) || !/^\d+$/.test(cols[2])) continue;
    groups.add(cols[0]);
    lags.set(key(cols[0], cols[1], Number(cols[2])), cols[5] === "-" ? null : Number(cols[5]));
  }
  return { ms, groups: groups.size, lags };
}

/** Every key on either side whose lag differs (a key missing on one side counts). */
function compare(a, b) {
  const diffs = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.has(k) ? a.get(k) : undefined;
    const y = b.has(k) ? b.get(k) : undefined;
    if (x !== y) diffs.push({ k, x, y });
  }
  return diffs;
}

function seededLags() {
  const m = new Map();
  for (let g = 0; g < cfg.groups; g++) for (let p = 0; p < cfg.partitions; p++) m.set(key(groupId(g), cfg.topic, p), endOf(p) - committedOf(g, p));
  return m;
}

async function main() {
  // Both sides read every group of the cluster: the big size gets a broker of its own (port 39092), so the
  // default size on the shared local broker keeps measuring the groups it says.
  const own = cfg.groups > BIG_GROUPS ? { port: 39092, dataDir: path.join(root, ".topiary/kafka-groups") } : {};
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka(own)).bootstrap;
  const libs = resolveJars();
  const kafka = new Kafka({ clientId: "topiary-bench-lag", brokers: bootstrap.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await seedTopic(kafka, admin);
  } finally {
    await admin.disconnect();
  }
  await seedGroups(kafka);
  if (process.env.BENCH_SEED_ONLY === "1") return;
  const countAdmin = kafka.admin();
  await countAdmin.connect();
  const clusterGroups = (await countAdmin.listGroups()).groups.length;
  await countAdmin.disconnect();
  if (clusterGroups > cfg.groups * 1.1) say(`the cluster holds ${clusterGroups} groups: both sides read all of them, not only the ${cfg.groups} bench groups`);

  const app = await startLagConsole(bootstrap);
  const { base, clusterId, pid } = app;
  try {
    const log4j = toolLog4j();
    say("one sampling round (the first read of the groups route)…");
    const round = await timeSamplingRound(base, clusterId, pid);
    say(`  ${round.ms.toFixed(0)} ms wall, ${round.cpuMs.toFixed(0)} ms CPU (snapshot ${round.tookMs} ms), ${round.groups} groups listed`);
    const pageMs = await timeGroupsPage(base, clusterId);
    say("warming up the snapshot route…");
    const warm = await timeSnapshot(base, clusterId, pid);
    say(`  warm-up snapshot ${warm.ms.toFixed(0)} ms (server ${warm.tookMs} ms, CPU ${warm.cpuMs.toFixed(0)} ms), ${warm.groups} bench groups`);
    const ours = [];
    const took = [];
    const cpu = [];
    const tool = [];
    let lastOurs = null;
    let lastTool = null;
    for (let r = 0; r < cfg.rounds; r++) {
      lastOurs = await timeSnapshot(base, clusterId, pid);
      ours.push(lastOurs.ms);
      took.push(lastOurs.tookMs);
      cpu.push(lastOurs.cpuMs);
      if (r < cfg.toolRounds) {
        lastTool = await timeKafkaTool(libs, log4j, bootstrap);
        tool.push(lastTool.ms);
      }
      say(`round ${r + 1}/${cfg.rounds}: Topiary ${lastOurs.ms.toFixed(0)} ms (server ${lastOurs.tookMs} ms, CPU ${lastOurs.cpuMs.toFixed(0)} ms)${r < cfg.toolRounds ? `, Kafka tool ${lastTool.ms.toFixed(0)} ms` : ""}`);
    }
    const rss = treeRss(pid);

    const diffs = compare(lastOurs.lags, lastTool.lags);
    const seeded = seededLags();
    const oursVsSeeded = compare(lastOurs.lags, seeded).length;
    const toolVsSeeded = compare(lastTool.lags, seeded).length;
    const o = median(ours);
    const t = median(took);
    const c = median(cpu);
    const k = median(tool);
    const ratio = o / k;
    const pairs = cfg.groups * cfg.partitions;
    out(`lag of ${cfg.groups.toLocaleString()} consumer groups on ${cfg.topic} (${cfg.partitions} partitions, ${pairs.toLocaleString()} group/partition lags), median of ${cfg.rounds}`);
    out(`  (a) Topiary snapshot route, HTTP wall    ${o.toFixed(0).padStart(6)} ms   (fetchLagSnapshot on the server: ${t} ms, target < 5000 ms; console CPU ${c.toFixed(0)} ms; ${(lastOurs.bytes / 1e6).toFixed(1)} MB JSON)`);
    out(`  (b) kafka-consumer-groups --describe     ${k.toFixed(0).padStart(6)} ms   (one JVM per run, as the shell script runs it; ${tool.length} run${tool.length === 1 ? "" : "s"})`);
    out(`  one sampling round (first groups-route read): ${round.ms.toFixed(0)} ms wall, ${round.cpuMs.toFixed(0)} ms console CPU`);
    out(`  groups page, navigation → first group row: ${pageMs} ms (target < 1000 ms); console RSS ${mb(rss)} MB`);
    out(`  (a)/(b) = ${ratio.toFixed(3)} (target <= 0.5)`);
    out(`  bench groups seen: Topiary ${lastOurs.groups}, Kafka tool ${lastTool.groups} (${clusterGroups.toLocaleString()} groups in the cluster); lags compared: ${lastOurs.lags.size} vs ${lastTool.lags.size}`);
    out(`  mismatches between the two: ${diffs.length} (target 0); against the seeded offsets: Topiary ${oursVsSeeded}, Kafka tool ${toolVsSeeded}`);
    for (const d of diffs.slice(0, 5)) {
      const [g, topic, p] = d.k.split("\u0000");
      out(`    ${g} ${topic}[${p}]: Topiary ${d.x === undefined ? "missing" : d.x ?? "-"}, Kafka tool ${d.y === undefined ? "missing" : d.y ?? "-"}`);
    }
    out(`  ${machineLine()}`);
    out(
      `topiary_ms=${o.toFixed(0)} topiary_server_ms=${t} snapshot_cpu_ms=${c.toFixed(0)} round_ms=${round.ms.toFixed(0)} round_cpu_ms=${round.cpuMs.toFixed(0)} groups_page_ms=${pageMs} kafka_tool_ms=${k.toFixed(0)} ratio=${ratio.toFixed(3)} mismatches=${diffs.length} groups=${cfg.groups} cluster_groups=${clusterGroups} partitions=${cfg.partitions} lags=${pairs} rounds=${cfg.rounds} rss_mb=${mb(rss)} ${machinePairs()}`,
    );
  } finally {
    await app.stop();
  }
}

main().catch((e) => {
  say(`error: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ""}`);
  process.exit(1);
});
