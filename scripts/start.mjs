#!/usr/bin/env node
// `npm start`: one command from a fresh clone to a running console.
//   1. a local Apache Kafka on 127.0.0.1:9092 (unless KAFKA_BROKERS names a cluster) and a Kafka Connect worker
//      beside it on 127.0.0.1:8083 (CONNECT_PORT; CONNECT_URL names another worker instead); with --secure (or
//      TOPIARY_SECURE_KAFKA=true) a secured broker on 127.0.0.1:9093 instead (SASL/SCRAM-SHA-512, ACLs enforced),
//   2. the SQLite store, created and migrated (prisma migrate deploy), and the key that encrypts cluster
//      secrets in it (TOPIARY_SECRET_KEY, else a local one made once in .topiary/secret.key),
//   3. a production build when the sources changed since the last one (`--dev` runs `next dev` instead),
//   4. the console on http://localhost:3000 (PORT, HOST).
// Ctrl-C stops the console, the worker and the broker this script started.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafka, stopKafka } from "./kafka/kafka.mjs";
import { ensureSecureKafka, SECURE_DEFAULTS, stopSecureKafka } from "./kafka/secure.mjs";
import { ensureConnect, stopConnect } from "./kafka/connect.mjs";
import { buildQuietly, startServer } from "./next-output.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
// A secured local broker (SASL/SCRAM-SHA-512, ACLs enforced) instead of the plaintext one: --secure or TOPIARY_SECURE_KAFKA=true.
const secure = process.argv.includes("--secure") || /^(1|true|yes)$/i.test(process.env.TOPIARY_SECURE_KAFKA ?? "");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const say = (msg) => process.stderr.write(`[topiary] ${msg}\n`);

export function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed (exit ${r.status})`);
}

/** The newest modification time under the folders that go into the build (tests are not built). */
export function newestSource() {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== "generated" && e !== "node_modules") walk(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "server", "public", "prisma", "instrumentation.ts", "next.config.js", "package-lock.json"]) {
    walk(path.join(root, p));
  }
  return newest;
}

export function needsBuild() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  return newestSource() > fs.statSync(id).mtimeMs;
}

/** Creates and migrates the store (SQLite file, or PostgreSQL: scripts/db/migrate.mjs). */
export function prepareDatabase(env) {
  run(process.execPath, [path.join(root, "scripts/db/migrate.mjs")], env);
}

/**
 * TOPIARY_SECRET_KEY for the server: the one set in the environment, else a local key made once (random 32
 * bytes, readable by its owner only) in .topiary/secret.key, beside the database it unlocks. Never printed.
 */
export function ensureSecretKey(env) {
  if (env.TOPIARY_SECRET_KEY?.trim()) return;
  const file = path.join(root, ".topiary", "secret.key");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    say("made .topiary/secret.key, the key that encrypts stored cluster secrets (keep it with the database: without it they cannot be read)");
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
  }
  env.TOPIARY_SECRET_KEY = fs.readFileSync(file, "utf8").trim();
}

async function main() {
  const env = { ...process.env };
  // Next's anonymous telemetry is off unless asked for (the console often runs where nothing may call out).
  env.NEXT_TELEMETRY_DISABLED ??= "1";
  env.DATABASE_URL ||= `file:${path.join(root, ".topiary", "topiary.db")}`;
  if (env.DATABASE_URL.startsWith("file:./")) env.DATABASE_URL = `file:${path.resolve(root, env.DATABASE_URL.slice(5))}`;
  ensureSecretKey(env);

  let startedKafka = false;
  if (env.KAFKA_BROKERS) {
    say(`using the cluster at KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
  } else if (secure) {
    // The console signs in to it as the super user (its password stays in the broker's data dir; the server seals
    // it into the store as the cluster "local"'s password).
    const s = await ensureSecureKafka({ port: Number(env.KAFKA_PORT || SECURE_DEFAULTS.port) });
    startedKafka = s.started;
    Object.assign(env, { KAFKA_BROKERS: s.bootstrap, KAFKA_SASL_MECHANISM: s.mechanism, KAFKA_SASL_USERNAME: s.username, KAFKA_SASL_PASSWORD: s.password });
    say(`secured local broker at ${s.bootstrap}: SASL/SCRAM-SHA-512, ACLs enforced; the console signs in as ${s.username}`);
  } else {
    const port = Number(env.KAFKA_PORT || 9092);
    const { bootstrap, started } = await ensureKafka({ port });
    startedKafka = started;
    env.KAFKA_BROKERS = bootstrap;
  }
  // A Connect worker beside the local broker (the server adds it to the cluster "local"); none for a cluster
  // named by KAFKA_BROKERS unless CONNECT_URL names one. Without a worker the console still runs.
  let startedConnect = false;
  if (env.CONNECT_URL) say(`using the Kafka Connect worker at CONNECT_URL=${env.CONNECT_URL}`);
  else if (secure && !process.env.KAFKA_BROKERS) say("no Kafka Connect worker beside the secured broker (it would need SASL settings of its own)");
  else if (!process.env.KAFKA_BROKERS) {
    try {
      const { url, started } = await ensureConnect({ port: Number(env.CONNECT_PORT || 8083), bootstrap: env.KAFKA_BROKERS });
      env.CONNECT_URL = url;
      startedConnect = started;
    } catch (e) {
      say(`no Kafka Connect worker: ${e.message}`);
    }
  }

  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) child.kill("SIGTERM");
    if (startedConnect) await stopConnect();
    if (startedKafka && secure) await stopSecureKafka({ port: Number(env.KAFKA_PORT || SECURE_DEFAULTS.port) });
    else if (startedKafka) await stopKafka({ port: Number(env.KAFKA_PORT || 9092) });
    process.exit(code);
  };
  let child = null;
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    prepareDatabase(env);
    if (!dev && needsBuild()) buildQuietly(bin("next"), { cwd: root, env, say });
  } catch (e) {
    say(`error: ${e.message}`);
    await shutdown(1);
  }

  const port = env.PORT || "3000";
  const host = env.HOST || "127.0.0.1";
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  child = startServer(bin("next"), [dev ? "dev" : "start", "-p", port, "-H", host], { cwd: root, env, say, url });
  say(`console starting on ${url} (Ctrl-C stops it${startedConnect ? ", the Connect worker" : ""}${startedKafka ? " and the local broker" : ""})`);
  child.on("exit", (code) => void shutdown(code ?? 0));
}

if (path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    say(`error: ${e.message}`);
    process.exit(1);
  });
}
