#!/usr/bin/env node
// A real Apache Kafka (KRaft, combined broker+controller) on 127.0.0.1 without Docker.
//
//   node scripts/kafka/kafka.mjs start [--brokers 1|3] [--port 9092] [--data-dir DIR]
//   node scripts/kafka/kafka.mjs stop  [--brokers 1|3] [--data-dir DIR]
//   node scripts/kafka/kafka.mjs status [--brokers 1|3] [--data-dir DIR]
//
// The jars come from Maven Central through scripts/kafka/pom.xml and are cached outside git
// (XDG_CACHE_HOME or ~/.cache, folder topiary/). Data, configs, pids and logs live in the data dir
// (default .topiary/kafka for one broker, .topiary/kafka-3 for three). When KAFKA_BROKERS is set,
// `start` does nothing: that cluster is used instead.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../..");
const pomPath = path.join(here, "pom.xml");

const log = (...args) => process.stderr.write(`[kafka] ${args.join(" ")}\n`);

export function defaultsFor(brokers = 1) {
  return brokers === 1
    ? { brokers: 1, port: 9092, dataDir: path.join(projectRoot, ".topiary/kafka") }
    : { brokers, port: 29092, dataDir: path.join(projectRoot, `.topiary/kafka-${brokers}`) };
}

function nodesFor({ brokers, port }) {
  // Broker i listens on port+i, its controller on port+100+i.
  return Array.from({ length: brokers }, (_, i) => ({ nodeId: i + 1, port: port + i, controllerPort: port + 100 + i }));
}

export function bootstrapFor(opts) {
  return nodesFor(opts).map((n) => `127.0.0.1:${n.port}`).join(",");
}

/** Resolves the Kafka jars once (per pom content) into the cache and returns the folder. */
export function resolveJars() {
  const pom = fs.readFileSync(pomPath);
  const hash = crypto.createHash("sha256").update(pom).digest("hex").slice(0, 12);
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const dir = path.join(cacheRoot, "topiary", `kafka-${hash}`);
  const libs = path.join(dir, "libs");
  if (fs.existsSync(path.join(dir, "complete"))) return libs;
  log(`resolving Kafka jars from Maven Central into ${libs} (first run only)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(
    "mvn",
    ["-q", "-B", "-Dstyle.color=never", "-f", pomPath, "dependency:copy-dependencies", `-DoutputDirectory=${libs}`],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (r.error) throw new Error(`could not run mvn (is Maven installed?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`mvn failed (exit ${r.status}) resolving the Kafka jars`);
  fs.writeFileSync(path.join(dir, "complete"), new Date().toISOString());
  return libs;
}

function kafkaUuid() {
  // Kafka's Uuid: 16 random bytes, base64url without padding, never starting with '-'.
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function writeConfigs(opts, nodes) {
  const n = nodes.length;
  const voters = nodes.map((x) => `${x.nodeId}@127.0.0.1:${x.controllerPort}`).join(",");
  const rf = Math.min(3, n);
  fs.writeFileSync(
    path.join(opts.dataDir, "log4j2.properties"),
    [
      "status = warn",
      "appender.file.type = File",
      "appender.file.name = file",
      `appender.file.fileName = \${sys:kafka.logs.dir}/server.log`,
      "appender.file.layout.type = PatternLayout",
      "appender.file.layout.pattern = [%d] %p %m (%c)%n",
      "rootLogger.level = INFO",
      "rootLogger.appenderRef.file.ref = file",
      "logger.kafka.name = org.apache.kafka",
      "logger.kafka.level = INFO",
      "logger.state.name = state.change.logger",
      "logger.state.level = WARN",
      "",
    ].join("\n"),
  );
  for (const node of nodes) {
    const nodeDir = path.join(opts.dataDir, `node-${node.nodeId}`);
    fs.mkdirSync(path.join(nodeDir, "data"), { recursive: true });
    const props = {
      "process.roles": "broker,controller",
      "node.id": node.nodeId,
      "controller.quorum.voters": voters,
      listeners: `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
      "advertised.listeners": `PLAINTEXT://127.0.0.1:${node.port}`,
      "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
      "controller.listener.names": "CONTROLLER",
      "inter.broker.listener.name": "PLAINTEXT",
      "log.dirs": path.join(nodeDir, "data"),
      "num.partitions": 1,
      "default.replication.factor": 1,
      // Without these on a single broker the group coordinator never becomes available.
      "offsets.topic.replication.factor": rf,
      "transaction.state.log.replication.factor": rf,
      "transaction.state.log.min.isr": 1,
      "share.coordinator.state.topic.replication.factor": rf,
      "share.coordinator.state.topic.min.isr": 1,
      "group.initial.rebalance.delay.ms": 0,
      "offsets.topic.num.partitions": 10,
      "log.segment.bytes": 104857600,
      // A secured broker (scripts/kafka/secure.mjs) replaces the listeners and adds SASL and the authorizer.
      ...(opts.serverProps ? opts.serverProps(node) : {}),
    };
    fs.writeFileSync(
      path.join(nodeDir, "server.properties"),
      Object.entries(props).map(([k, v]) => `${k}=${v}`).join("\n") + "\n",
    );
  }
}

function java(libs, args, extra = {}) {
  const jvm = ["-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true"];
  return { cmd: "java", args: [...jvm, ...(extra.jvm ?? []), "-cp", `${libs}/*`, ...args] };
}

function readState(dataDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, "cluster.json"), "utf8"));
  } catch {
    return null;
  }
}

function writeState(dataDir, state) {
  fs.writeFileSync(path.join(dataDir, "cluster.json"), JSON.stringify(state, null, 2));
}

/** True when pid is alive and is a JVM started for this data dir (a pid can be reused by another process). */
function isOurJvm(pid, dataDir) {
  if (!pid) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes("kafka.Kafka") && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

function portOpen(port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/** Waits until every broker answers metadata and the cluster reports the expected broker count. */
export async function waitForCluster(bootstrap, expectedBrokers, timeoutMs = 90_000, sasl = undefined) {
  const { Kafka, logLevel } = await import("kafkajs");
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    const kafka = new Kafka({
      clientId: "topiary-kafka-script",
      brokers: bootstrap.split(","),
      ...(sasl ? { sasl } : {}),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      requestTimeout: 3000,
      retry: { retries: 0 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const d = await admin.describeCluster();
      if (d.brokers.length >= expectedBrokers && d.controller !== null && d.controller !== -1) {
        return d;
      }
      lastError = `${d.brokers.length}/${expectedBrokers} brokers registered`;
    } catch (e) {
      lastError = e.message;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Kafka at ${bootstrap} did not answer metadata within ${timeoutMs / 1000}s (${lastError})`);
}

export async function status(opts) {
  const state = readState(opts.dataDir);
  if (!state) return { running: false, nodes: [] };
  const nodes = await Promise.all(
    state.nodes.map(async (n) => ({ ...n, alive: isOurJvm(n.pid, opts.dataDir), listening: await portOpen(n.port) })),
  );
  return { running: nodes.length > 0 && nodes.every((n) => n.alive && n.listening), clusterId: state.clusterId, nodes };
}

/**
 * Starts the local cluster unless it already runs. Returns { bootstrap, started }.
 * `started` is false when it was already running, so a caller knows whether to stop it again.
 * A secured broker passes `serverProps(node)` (properties merged over the defaults), `formatArgs` (more
 * arguments to the storage format, e.g. --add-scram) and `sasl` (kafkajs' SASL options to wait for it).
 */
export async function ensureKafka(input = {}) {
  const opts = { ...defaultsFor(input.brokers ?? 1), ...stripUndefined(input) };
  opts.dataDir = path.resolve(opts.dataDir);
  const nodes = nodesFor(opts);
  const bootstrap = bootstrapFor(opts);
  fs.mkdirSync(opts.dataDir, { recursive: true });

  const current = await status(opts);
  if (current.running) {
    await waitForCluster(bootstrap, opts.brokers, 30_000, opts.sasl);
    return { bootstrap, started: false };
  }
  // Half-running (a node died): stop the rest without waiting for a graceful shutdown, which hangs
  // when the controller quorum is gone, then start every node again on the same data.
  if (current.nodes.some((n) => n.alive)) await stopKafka({ ...opts, graceMs: 2000 });
  for (const n of nodes) {
    // A port can stay busy for a moment after its process died.
    let busy = await portOpen(n.port);
    for (let i = 0; busy && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      busy = await portOpen(n.port);
    }
    if (busy) throw new Error(`port ${n.port} is already in use by another process; pick another with --port`);
  }

  const libs = resolveJars();
  writeConfigs(opts, nodes);
  const previous = readState(opts.dataDir);
  const sameShape = previous && previous.nodes.length === nodes.length && previous.nodes.every((p, i) => p.port === nodes[i].port);
  let clusterId = sameShape ? previous.clusterId : null;
  if (!clusterId) {
    // New cluster (or a different shape): wipe the old logs so storage formats cleanly.
    for (const n of nodes) fs.rmSync(path.join(opts.dataDir, `node-${n.nodeId}`, "data"), { recursive: true, force: true });
    clusterId = kafkaUuid();
  }
  for (const n of nodes) {
    const nodeDir = path.join(opts.dataDir, `node-${n.nodeId}`);
    fs.mkdirSync(path.join(nodeDir, "data"), { recursive: true });
    if (fs.existsSync(path.join(nodeDir, "data", "meta.properties"))) continue;
    const { cmd, args } = java(libs, [
      "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", path.join(nodeDir, "server.properties"), "--ignore-formatted",
      ...(opts.formatArgs ?? []),
    ], { jvm: [`-Dlog4j2.configurationFile=${path.join(opts.dataDir, "log4j2.properties")}`, `-Dkafka.logs.dir=${nodeDir}`] });
    const r = spawnSync(cmd, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`formatting KRaft storage failed: ${r.stderr || r.stdout}`);
  }

  const started = [];
  for (const n of nodes) {
    const nodeDir = path.join(opts.dataDir, `node-${n.nodeId}`);
    const out = fs.openSync(path.join(nodeDir, "stdout.log"), "a");
    const { cmd, args } = java(libs, ["kafka.Kafka", path.join(nodeDir, "server.properties")], {
      jvm: [
        `-Dlog4j2.configurationFile=${path.join(opts.dataDir, "log4j2.properties")}`,
        `-Dkafka.logs.dir=${nodeDir}`,
        `-Dtopiary.data.dir=${opts.dataDir}`,
      ],
    });
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", out, out] });
    child.unref();
    fs.closeSync(out);
    started.push({ ...n, pid: child.pid });
  }
  writeState(opts.dataDir, { clusterId, bootstrap, nodes: started, startedAt: new Date().toISOString() });
  log(`starting ${nodes.length} broker(s) at ${bootstrap} (logs in ${opts.dataDir})…`);
  try {
    // Every node listening first: after a node was killed, the metadata can still list it (its registration
    // outlives it until its session times out) while it recovers its logs and does not yet accept connections.
    await waitForPorts(nodes, 90_000);
    await waitForCluster(bootstrap, opts.brokers, undefined, opts.sasl);
  } catch (e) {
    const logFile = path.join(opts.dataDir, "node-1", "server.log");
    if (fs.existsSync(logFile)) log(`last lines of ${logFile}:\n${tail(logFile, 30)}`);
    await stopKafka(opts);
    throw e;
  }
  log(`ready: ${bootstrap} (cluster id ${clusterId})`);
  return { bootstrap, started: true };
}

async function waitForPorts(nodes, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const closed = [];
    for (const n of nodes) if (!(await portOpen(n.port))) closed.push(n.port);
    if (!closed.length) return;
    if (Date.now() > deadline) throw new Error(`port(s) ${closed.join(", ")} did not accept connections within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stops every JVM of the cluster in the data dir: SIGTERM, then SIGKILL after 30 s (graceMs). Leaves no orphan. */
export async function stopKafka(input = {}) {
  const { graceMs = 30_000, ...rest } = input;
  const opts = { ...defaultsFor(rest.brokers ?? 1), ...stripUndefined(rest) };
  opts.dataDir = path.resolve(opts.dataDir);
  const state = readState(opts.dataDir);
  if (!state) return;
  const pids = state.nodes.map((n) => n.pid).filter((pid) => isOurJvm(pid, opts.dataDir));
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {}
  }
  const waitGone = async (ms) => {
    const deadline = Date.now() + ms;
    while (pids.some((pid) => isOurJvm(pid, opts.dataDir)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await waitGone(graceMs);
  for (const pid of pids.filter((p) => isOurJvm(p, opts.dataDir))) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  await waitGone(5000);
  if (pids.length) log(`stopped ${pids.length} broker(s)`);
  writeState(opts.dataDir, { ...state, nodes: state.nodes.map((n) => ({ ...n, pid: null })) });
}

/** Stops (SIGKILL, like a crash) or restarts a single node of a running cluster: for failure tests. */
export async function killNode(input, nodeId) {
  const opts = { ...defaultsFor(input.brokers ?? 1), ...stripUndefined(input) };
  const state = readState(path.resolve(opts.dataDir));
  const node = state?.nodes.find((n) => n.nodeId === nodeId);
  if (node && isOurJvm(node.pid, path.resolve(opts.dataDir))) process.kill(node.pid, "SIGKILL");
}

function tail(file, lines) {
  return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

function stripUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function parseArgs(argv) {
  const [command = "status", ...rest] = argv;
  const out = { command };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--brokers") out.brokers = Number(value());
    else if (a === "--port") out.port = Number(value());
    else if (a === "--data-dir") out.dataDir = value();
    else throw new Error(`unknown option ${a}`);
  }
  if (out.brokers !== undefined && !(Number.isInteger(out.brokers) && out.brokers >= 1 && out.brokers <= 5)) {
    throw new Error("--brokers takes a whole number from 1 to 5");
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port > 0 && out.port < 65000)) {
    throw new Error("--port takes a TCP port number");
  }
  return out;
}

async function main() {
  const { command, ...opts } = parseArgs(process.argv.slice(2));
  if (command === "start") {
    if (process.env.KAFKA_BROKERS) {
      log(`KAFKA_BROKERS is set (${process.env.KAFKA_BROKERS}): using that cluster, not starting a local one`);
      return;
    }
    const { bootstrap } = await ensureKafka(opts);
    process.stdout.write(`${bootstrap}\n`);
  } else if (command === "stop") {
    await stopKafka(opts);
  } else if (command === "status") {
    const s = await status({ ...defaultsFor(opts.brokers ?? 1), ...opts });
    process.stdout.write(JSON.stringify(s, null, 2) + "\n");
    process.exitCode = s.running ? 0 : 3;
  } else if (command === "resolve") {
    process.stdout.write(resolveJars() + "\n");
  } else {
    throw new Error(`unknown command ${command} (start, stop, status, resolve)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    log(`error: ${e.message}`);
    process.exit(1);
  });
}
