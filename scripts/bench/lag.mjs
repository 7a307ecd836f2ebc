#!/usr/bin/env node
// `npm run bench:lag`: Topiary's full lag snapshot next to Apache Kafka's own consumer-groups tool, in one run.
//
// Seeds (once: reused when present) a 12-partition topic with uneven end offsets and 2,000 consumer groups with
// committed offsets on every partition, starts the console (production build) on BENCH_PORT, warms its client
// with one snapshot, then times, median of BENCH_ROUNDS (3):
//   (a) Topiary's snapshot route (the sampler's own fetchLagSnapshot), HTTP wall time to the last byte, and the
//       server's own tookMs around the function;
//   (b) kafka-consumer-groups --describe --all-groups (ConsumerGroupCommand from the same Maven jars as the local
//       broker), wall time of the java process.
// Then compares every group/partition lag of the bench groups between the two (nothing produces meanwhile).
// The last line is key=value pairs (ratio=, mismatches=, ...). A benchmark prints figures; it exits 0 when a
// target is missed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import kafkajs from "kafkajs";
import { ensureKafka, resolveJars } from "../kafka/kafka.mjs";
import { ensureSecretKey, needsBuild, prepareDatabase, run } from "../start.mjs";

const { Kafka, logLevel } = kafkajs;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const num = (name, fallback) => (Number.isFinite(Number(process.env[name])) && process.env[name] ? Number(process.env[name]) : fallback);
const cfg = {
  topic: "bench.lag.12",
  partitions: 12,
  groupPrefix: "bench.lag.g.",
  groups: 2000,
  rounds: num("BENCH_ROUNDS", 3),
  port: num("BENCH_PORT", 0),
  // admin.setOffsets joins the group and waits for one empty fetch (kafkajs' maxWaitTime, 5 s) before it
  // commits: each call is about 5 s of waiting, so many run at once.
  seedConcurrency: 64,
};
const BUILD_LOCK = "/tmp/topiary-build.lock";
const benchDir = path.join(root, ".topiary/bench-lag");
const say = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const out = (line = "") => process.stdout.write(`${line}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The data is a pure function of the indexes, so a reused topic and groups can be checked against it.
// End offsets from about 50 to 750, no two partitions alike.
const endOf = (p) => 50 + ((p * 5) % 12) * 61 + p * 3;
// A committed offset in [0, end - 1]: every lag is at least 1, and lags differ between groups and partitions.
const committedOf = (g, p) => Math.floor((endOf(p) * ((g * 7919 + p * 3571) % 1000)) / 1000);
const groupId = (g) => `${cfg.groupPrefix}${String(g).padStart(4, "0")}`;
const key = (group, topic, partition) => `${group}\u0000${topic}\u0000${partition}`;

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

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

/** Groups whose committed offsets are not (all) the seeded ones: missing, or changed since. */
async function groupsToSeed(admin) {
  const present = new Set((await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(cfg.groupPrefix)));
  const all = Array.from({ length: cfg.groups }, (_, g) => g);
  const stale = await mapLimit(all, 32, async (g) => {
    if (!present.has(groupId(g))) return true;
    const topics = await admin.fetchOffsets({ groupId: groupId(g), topics: [cfg.topic] });
    const parts = topics.find((t) => t.topic === cfg.topic)?.partitions ?? [];
    return parts.length !== cfg.partitions || parts.some((x) => Number(x.offset) !== committedOf(g, x.partition));
  });
  return all.filter((g, i) => stale[i]);
}

async function seedGroups(admin) {
  const todo = await groupsToSeed(admin);
  if (!todo.length) {
    say(`reusing ${cfg.groups} groups ${groupId(0)}…${groupId(cfg.groups - 1)}`);
    return;
  }
  say(`committing offsets for ${todo.length} groups (admin.setOffsets, ${cfg.seedConcurrency} at a time)…`);
  const t0 = Date.now();
  let done = 0;
  await mapLimit(todo, cfg.seedConcurrency, async (g) => {
    const partitions = Array.from({ length: cfg.partitions }, (_, p) => ({ partition: p, offset: String(committedOf(g, p)) }));
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.setOffsets({ groupId: groupId(g), topic: cfg.topic, partitions });
        break;
      } catch (e) {
        if (attempt >= 3) throw new Error(`setOffsets ${groupId(g)}: ${e.message}`);
        await sleep(500 * attempt);
      }
    }
    if (++done % 250 === 0) say(`  ${done}/${todo.length}`);
  });
  const left = await groupsToSeed(admin);
  if (left.length) throw new Error(`${left.length} groups still lack the seeded offsets (first: ${groupId(left[0])})`);
  say(`seeded ${todo.length} groups in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Builds the console when the sources changed, under the shared build lock (other jobs build in this tree too). */
function ensureBuild(env) {
  if (!needsBuild()) return;
  say(`building the console (waiting for ${BUILD_LOCK})…`);
  // `next build` may rewrite tsconfig.json; put it back so the tree is left as found.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const startModule = pathToFileURL(path.join(root, "scripts/start.mjs")).href;
  const next = path.join(root, "node_modules/.bin/next");
  // needsBuild is asked again once the lock is held: another job may have built while we waited.
  const code = `const m = await import(${JSON.stringify(startModule)}); if (m.needsBuild()) m.run(${JSON.stringify(next)}, ["build"], process.env);`;
  try {
    run("flock", [BUILD_LOCK, process.execPath, "--input-type=module", "-e", code], env);
  } finally {
    if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  }
}

/**
 * Holds the build lock shared while the console runs: a job that builds takes it exclusively, and a build
 * replaces .next under a running `next start` (its requests then fail). Released when `release` is called or
 * when this process dies (the pipe closes).
 */
async function holdBuildLockShared() {
  const p = spawn("flock", ["-s", BUILD_LOCK, "sh", "-c", "echo held; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    p.stdout.once("data", resolve);
    p.once("exit", (code) => reject(new Error(`flock -s ${BUILD_LOCK} exited ${code}`)));
  });
  return () => p.stdin.end();
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function startConsole(bootstrap) {
  fs.rmSync(path.join(benchDir, "bench.db"), { force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  const env = {
    ...process.env,
    KAFKA_BROKERS: bootstrap,
    DATABASE_URL: `file:${path.join(benchDir, "bench.db")}`,
    TOPIARY_LOG_LEVEL: "warn",
    // Single-user local use: the bench reads the routes without signing in.
    AUTH_DISABLED: "true",
    // The background sampler would take the same snapshot every 15 s beside the timed ones: off, so each
    // timing is one snapshot alone (the route calls the same function).
    TOPIARY_LAG_INTERVAL_MS: "0",
  };
  ensureSecretKey(env);
  prepareDatabase(env);
  ensureBuild(env);
  say(`holding ${BUILD_LOCK} shared while the console runs (builds by other jobs wait)…`);
  const release = await holdBuildLockShared();
  const port = cfg.port || (await freePort());
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const app = { server, release, base: `http://127.0.0.1:${port}`, clusterId: null };
  try {
    for (let i = 0; i < 120; i++) {
      if (server.exitCode !== null) throw new Error("the console did not start");
      if (await fetch(`${app.base}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    const res = await fetch(`${app.base}/api/clusters`);
    const clusters = await res.json();
    if (!res.ok || !Array.isArray(clusters)) throw new Error(`/api/clusters answered ${res.status}: ${JSON.stringify(clusters).slice(0, 300)}`);
    const cluster = clusters.find((c) => c.name === "local") ?? clusters[0];
    if (!cluster) throw new Error("the console lists no cluster");
    app.clusterId = cluster.id;
    return app;
  } catch (e) {
    await stopConsole(app);
    throw e;
  }
}

async function stopConsole({ server, release }) {
  if (server.exitCode === null) {
    const gone = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([gone, sleep(10_000)]);
  }
  release();
}

/** One snapshot through the console's route: wall time to the last byte, and the server's own tookMs. */
async function timeSnapshot(base, clusterId) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/clusters/${clusterId}/lag/snapshot`);
  const body = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`the snapshot route answered ${res.status}: ${body.slice(0, 500)}`);
  const snapshot = JSON.parse(body);
  const lags = new Map();
  let groups = 0;
  for (const g of snapshot.groups) {
    if (!g.groupId.startsWith(cfg.groupPrefix)) continue;
    groups++;
    for (const p of g.partitions) lags.set(key(g.groupId, p.topic, p.partition), p.lag);
  }
  return { ms, tookMs: snapshot.tookMs, bytes: body.length, groups, lags };
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
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  const libs = resolveJars();
  const kafka = new Kafka({ clientId: "topiary-bench-lag", brokers: bootstrap.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await seedTopic(kafka, admin);
    await seedGroups(admin);
  } finally {
    await admin.disconnect();
  }

  const app = await startConsole(bootstrap);
  const { base, clusterId } = app;
  try {
    const log4j = toolLog4j();
    say("warming up the console…");
    const warm = await timeSnapshot(base, clusterId);
    say(`  warm-up snapshot ${warm.ms.toFixed(0)} ms (server ${warm.tookMs} ms), ${warm.groups} bench groups`);
    const ours = [];
    const took = [];
    const tool = [];
    let lastOurs = null;
    let lastTool = null;
    for (let r = 0; r < cfg.rounds; r++) {
      lastOurs = await timeSnapshot(base, clusterId);
      ours.push(lastOurs.ms);
      took.push(lastOurs.tookMs);
      lastTool = await timeKafkaTool(libs, log4j, bootstrap);
      tool.push(lastTool.ms);
      say(`round ${r + 1}/${cfg.rounds}: Topiary ${lastOurs.ms.toFixed(0)} ms (server ${lastOurs.tookMs} ms), Kafka tool ${lastTool.ms.toFixed(0)} ms`);
    }

    const diffs = compare(lastOurs.lags, lastTool.lags);
    const seeded = seededLags();
    const oursVsSeeded = compare(lastOurs.lags, seeded).length;
    const toolVsSeeded = compare(lastTool.lags, seeded).length;
    const o = median(ours);
    const t = median(took);
    const k = median(tool);
    const ratio = o / k;
    const pairs = cfg.groups * cfg.partitions;
    out(`lag of ${cfg.groups.toLocaleString()} consumer groups on ${cfg.topic} (${cfg.partitions} partitions, ${pairs.toLocaleString()} group/partition lags), median of ${cfg.rounds}`);
    out(`  (a) Topiary snapshot route, HTTP wall    ${o.toFixed(0).padStart(6)} ms   (fetchLagSnapshot on the server: ${t} ms; ${(lastOurs.bytes / 1e6).toFixed(1)} MB JSON)`);
    out(`  (b) kafka-consumer-groups --describe     ${k.toFixed(0).padStart(6)} ms   (one JVM per run, as the shell script runs it)`);
    out(`  (a)/(b) = ${ratio.toFixed(3)} (target <= 0.5)`);
    out(`  bench groups seen: Topiary ${lastOurs.groups}, Kafka tool ${lastTool.groups}; lags compared: ${lastOurs.lags.size} vs ${lastTool.lags.size}`);
    out(`  mismatches between the two: ${diffs.length} (target 0); against the seeded offsets: Topiary ${oursVsSeeded}, Kafka tool ${toolVsSeeded}`);
    for (const d of diffs.slice(0, 5)) {
      const [g, topic, p] = d.k.split("\u0000");
      out(`    ${g} ${topic}[${p}]: Topiary ${d.x === undefined ? "missing" : d.x ?? "-"}, Kafka tool ${d.y === undefined ? "missing" : d.y ?? "-"}`);
    }
    out(
      `topiary_ms=${o.toFixed(0)} topiary_server_ms=${t} kafka_tool_ms=${k.toFixed(0)} ratio=${ratio.toFixed(3)} mismatches=${diffs.length} groups=${cfg.groups} partitions=${cfg.partitions} lags=${pairs} rounds=${cfg.rounds}`,
    );
  } finally {
    await stopConsole(app);
  }
}

main().catch((e) => {
  say(`error: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ""}`);
  process.exit(1);
});
