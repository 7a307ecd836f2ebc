#!/usr/bin/env node
// A real Kafka Connect worker (distributed mode, one worker) on 127.0.0.1 beside the local broker, without Docker.
//
//   node scripts/kafka/connect.mjs start  [--port 8083] [--bootstrap 127.0.0.1:9092] [--data-dir DIR]
//   node scripts/kafka/connect.mjs stop   [--data-dir DIR]
//   node scripts/kafka/connect.mjs status [--data-dir DIR]
//
// The jars are the broker's (scripts/kafka/pom.xml: connect-runtime, connect-json, connect-transforms,
// connect-file, connect-mirror, same version), resolved once into the same cache. The worker's config, pid file
// and logs live in the data dir (default .topiary/connect); its three internal topics (configs, offsets, status,
// replication factor 1) are created by the worker itself on the cluster it points at. When KAFKA_BROKERS is set
// and --bootstrap is not, the worker joins that cluster.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveJars } from "./kafka.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../..");

const log = (...args) => process.stderr.write(`[connect] ${args.join(" ")}\n`);

export const CONNECT_DEFAULTS = { port: 8083, dataDir: path.join(projectRoot, ".topiary/connect") };
/** What the test runs use (scripts/test.mjs, scripts/test/global-setup.ts): a worker of their own. */
export const TEST_CONNECT = { port: 18083, dataDir: path.join(projectRoot, ".topiary/test-connect") };

const MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";

function resolveOpts(input = {}) {
  const opts = { ...CONNECT_DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  opts.dataDir = path.resolve(opts.dataDir);
  return opts;
}

export const connectUrlFor = (port) => `http://127.0.0.1:${port}`;

/**
 * The worker's settings. Short flush and rebalance delays suit one local worker: a sink's file and a source's
 * offsets show within a second or two, and a restarted worker takes its connectors back at once.
 */
function workerProperties({ port, bootstrap, groupId }) {
  return {
    "bootstrap.servers": bootstrap,
    "group.id": groupId,
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    "config.storage.topic": `${groupId}-configs`,
    "config.storage.replication.factor": 1,
    "offset.storage.topic": `${groupId}-offsets`,
    "offset.storage.replication.factor": 1,
    "offset.storage.partitions": 5,
    "status.storage.topic": `${groupId}-status`,
    "status.storage.replication.factor": 1,
    "status.storage.partitions": 1,
    "offset.flush.interval.ms": 1000,
    "scheduled.rebalance.max.delay.ms": 0,
    listeners: `http://127.0.0.1:${port}`,
    "rest.advertised.host.name": "127.0.0.1",
    "rest.advertised.port": port,
    // Every plugin on the classpath (connect-file, connect-mirror) declares itself for the ServiceLoader
    // (KIP-898), so the worker need not scan every jar at start.
    "plugin.discovery": "service_load",
    "client.id": groupId,
    // A task that cannot be stopped within this long is abandoned (keeps `stop` quick).
    "task.shutdown.graceful.timeout.ms": 5000,
  };
}

function writeConfigs(opts) {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(opts.dataDir, "log4j2.properties"),
    [
      "status = warn",
      "appender.file.type = File",
      "appender.file.name = file",
      `appender.file.fileName = \${sys:kafka.logs.dir}/connect.log`,
      "appender.file.layout.type = PatternLayout",
      "appender.file.layout.pattern = [%d] %p %X{connector.context}%m (%c:%L)%n",
      "rootLogger.level = INFO",
      "rootLogger.appenderRef.file.ref = file",
      // The clients log every config they are built with: noise here.
      "logger.clients.name = org.apache.kafka.clients",
      "logger.clients.level = WARN",
      "logger.reflections.name = org.reflections",
      "logger.reflections.level = ERROR",
      "",
    ].join("\n"),
  );
  const props = workerProperties(opts);
  fs.writeFileSync(
    path.join(opts.dataDir, "worker.properties"),
    Object.entries(props).map(([k, v]) => `${k}=${v}`).join("\n") + "\n",
  );
}

function readProperties(file) {
  try {
    const out = {};
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const m = /^([^#=]+)=(.*)$/.exec(line);
      if (m) out[m[1].trim()] = m[2];
    }
    return out;
  } catch {
    return null;
  }
}

const pidFile = (dataDir) => path.join(dataDir, "worker.pid");

function readPid(dataDir) {
  try {
    const pid = Number(fs.readFileSync(pidFile(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True when pid is alive and is the Connect JVM of this data dir (a pid can be reused by another process). */
function isOurJvm(pid, dataDir) {
  if (!pid) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes(MAIN_CLASS) && cmdline.includes(path.join(dataDir, "worker.properties"));
  } catch {
    return false;
  }
}

/** GET a path of the worker's REST API: { status, body } or null when nothing answers. */
function restGet(port, urlPath, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, timeout: timeoutMs, headers: { accept: "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
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

/**
 * Waits until the worker has joined its group and serves requests: `GET /health` answers 200 (Kafka 3.9+,
 * KIP-1017; 503 while it starts), and `GET /` gives its version.
 */
export async function waitForConnect(port, { timeoutMs = 180_000, pid, dataDir } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (pid && dataDir && !isOurJvm(pid, dataDir)) throw new Error("the Connect worker exited during start-up");
    const health = await restGet(port, "/health");
    if (health?.status === 200) {
      const root = await restGet(port, "/");
      if (root?.status === 200) return JSON.parse(root.body);
    }
    if (health) last = `GET /health answered ${health.status}: ${health.body.slice(0, 200)}`;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the Connect worker on port ${port} did not become ready within ${timeoutMs / 1000} s (${last})`);
}

export async function connectStatus(input = {}) {
  const opts = resolveOpts(input);
  const props = readProperties(path.join(opts.dataDir, "worker.properties"));
  const port = Number(props?.["rest.advertised.port"] ?? opts.port);
  const pid = readPid(opts.dataDir);
  const alive = isOurJvm(pid, opts.dataDir);
  const root = alive ? await restGet(port, "/") : null;
  return {
    running: alive && root?.status === 200,
    pid: alive ? pid : null,
    url: connectUrlFor(port),
    bootstrap: props?.["bootstrap.servers"] ?? null,
    version: root?.status === 200 ? JSON.parse(root.body).version : null,
  };
}

/**
 * Starts the worker unless it already runs for the same cluster and port. Returns { url, started, tookMs };
 * `started` is false when it was already running, so a caller knows whether to stop it again.
 */
export async function ensureConnect(input = {}) {
  const opts = resolveOpts(input);
  opts.bootstrap ??= process.env.KAFKA_BROKERS || "127.0.0.1:9092";
  opts.groupId ??= "topiary-connect";
  const url = connectUrlFor(opts.port);
  const t0 = Date.now();

  const current = await connectStatus(opts);
  if (current.pid) {
    const samePlace = current.bootstrap === opts.bootstrap && current.url === url;
    if (samePlace) {
      await waitForConnect(opts.port, { timeoutMs: 120_000, pid: current.pid, dataDir: opts.dataDir });
      return { url, started: false, tookMs: Date.now() - t0 };
    }
    log(`the worker in ${opts.dataDir} runs for ${current.bootstrap} at ${current.url}: restarting it for ${opts.bootstrap} at ${url}`);
    await stopConnect(opts);
  }
  let busy = await portOpen(opts.port);
  for (let i = 0; busy && i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    busy = await portOpen(opts.port);
  }
  if (busy) throw new Error(`port ${opts.port} is already in use by another process; pick another (CONNECT_PORT or --port)`);

  const libs = resolveJars();
  writeConfigs(opts);
  const out = fs.openSync(path.join(opts.dataDir, "stdout.log"), "a");
  const jvm = [
    "-Xms64m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${path.join(opts.dataDir, "log4j2.properties")}`,
    `-Dkafka.logs.dir=${opts.dataDir}`,
  ];
  const child = spawn("java", [...jvm, "-cp", `${libs}/*`, MAIN_CLASS, path.join(opts.dataDir, "worker.properties")], {
    detached: true,
    stdio: ["ignore", out, out],
  });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile(opts.dataDir), `${child.pid}\n`);
  log(`starting a Connect worker for ${opts.bootstrap} at ${url} (logs in ${opts.dataDir})…`);
  try {
    const info = await waitForConnect(opts.port, { pid: child.pid, dataDir: opts.dataDir });
    const tookMs = Date.now() - t0;
    log(`ready: ${url} (Kafka Connect ${info.version}, ${(tookMs / 1000).toFixed(1)} s)`);
    return { url, started: true, tookMs };
  } catch (e) {
    const logFile = path.join(opts.dataDir, "connect.log");
    if (fs.existsSync(logFile)) log(`last lines of ${logFile}:\n${tail(logFile, 30)}`);
    await stopConnect({ ...opts, graceMs: 5000 });
    throw e;
  }
}

/**
 * Stops the worker of the data dir: SIGTERM (it leaves its group and stops its tasks), then SIGKILL after
 * graceMs. Stop it before its broker: without one its shutdown waits on Kafka until killed.
 */
export async function stopConnect(input = {}) {
  const { graceMs = 30_000, ...rest } = input;
  const opts = resolveOpts(rest);
  const pid = readPid(opts.dataDir);
  if (!isOurJvm(pid, opts.dataDir)) {
    fs.rmSync(pidFile(opts.dataDir), { force: true });
    return;
  }
  try {
    process.kill(pid, "SIGTERM");
  } catch {}
  const waitGone = async (ms) => {
    const deadline = Date.now() + ms;
    while (isOurJvm(pid, opts.dataDir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  await waitGone(graceMs);
  if (isOurJvm(pid, opts.dataDir)) {
    log(`the worker did not stop within ${graceMs / 1000} s: killing it`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
    await waitGone(5000);
  }
  fs.rmSync(pidFile(opts.dataDir), { force: true });
  log("stopped the Connect worker");
}

function tail(file, lines) {
  return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
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
    if (a === "--port") out.port = Number(value());
    else if (a === "--bootstrap") out.bootstrap = value();
    else if (a === "--data-dir") out.dataDir = value();
    else throw new Error(`unknown option ${a}`);
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port > 0 && out.port < 65536)) throw new Error("--port takes a TCP port number");
  return out;
}

async function main() {
  const { command, ...opts } = parseArgs(process.argv.slice(2));
  if (command === "start") {
    opts.port ??= process.env.CONNECT_PORT ? Number(process.env.CONNECT_PORT) : undefined;
    const { url } = await ensureConnect(opts);
    process.stdout.write(`${url}\n`);
  } else if (command === "stop") {
    await stopConnect(opts);
  } else if (command === "status") {
    const s = await connectStatus(opts);
    process.stdout.write(JSON.stringify(s, null, 2) + "\n");
    process.exitCode = s.running ? 0 : 3;
  } else {
    throw new Error(`unknown command ${command} (start, stop, status)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    log(`error: ${e.message}`);
    process.exit(1);
  });
}
