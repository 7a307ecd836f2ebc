#!/usr/bin/env node
// A secured local Kafka: the broker of kafka.mjs with a SASL_PLAINTEXT listener using SCRAM-SHA-512, the KRaft
// StandardAuthorizer (no ACL → refused) and one super user for the console.
//
//   node scripts/kafka/secure.mjs start  [--port 9093] [--data-dir DIR]
//   node scripts/kafka/secure.mjs stop   [--data-dir DIR]
//   node scripts/kafka/secure.mjs status [--data-dir DIR]
//
// The super user's password is generated once and kept in DATA_DIR/super-user.json (mode 600, the folder 700);
// it is never printed. The broker needs it in its own properties (to authenticate to itself), so they live in
// the same private folder. The controller listener (port + 100) takes SASL PLAIN for the same user only, so no
// unauthenticated listener is left open. Ports: 9093 for `npm start -- --secure`, 19093 for the tests (the
// plaintext brokers' controllers already use 9192 and 19192).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureKafka, status, stopKafka } from "./kafka.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../..");

export const SECURE_DEFAULTS = { port: 9093, dataDir: path.join(projectRoot, ".topiary/kafka-secure") };
export const TEST_SECURE_KAFKA = { port: 19093, dataDir: path.join(projectRoot, ".topiary/test-kafka-secure") };
export const SUPER_USER = "topiary-admin";
export const SASL_MECHANISM = "scram-sha-512";

const log = (...args) => process.stderr.write(`[kafka] ${args.join(" ")}\n`);

/**
 * The super user of the secured broker in dataDir: read from super-user.json, or made once (random password).
 * `created` tells the caller that any storage formatted before belongs to another password.
 */
export function superUser(dataDir) {
  const file = path.join(dataDir, "super-user.json");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  try {
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof saved.username === "string" && typeof saved.password === "string") return { ...saved, created: false };
  } catch (e) {
    if (e.code !== "ENOENT" && !(e instanceof SyntaxError)) throw e;
  }
  // base64url: no quote, backslash, comma, '=' or ']' to escape in the JAAS line or the --add-scram argument.
  const creds = { username: SUPER_USER, password: crypto.randomBytes(24).toString("base64url") };
  fs.writeFileSync(file, JSON.stringify(creds) + "\n", { mode: 0o600 });
  return { ...creds, created: true };
}

function secureProps({ username, password }) {
  const jaas = (module, extra = "") => `${module} required username="${username}" password="${password}"${extra};`;
  return (node) => ({
    listeners: `SASL_PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    "advertised.listeners": `SASL_PLAINTEXT://127.0.0.1:${node.port}`,
    "listener.security.protocol.map": "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
    "inter.broker.listener.name": "SASL_PLAINTEXT",
    "sasl.enabled.mechanisms": "SCRAM-SHA-512",
    "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config": jaas("org.apache.kafka.common.security.scram.ScramLoginModule"),
    // KRaft controllers cannot check SCRAM (the credentials live in the metadata they serve): PLAIN, same user.
    "sasl.mechanism.controller.protocol": "PLAIN",
    "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
    "listener.name.controller.plain.sasl.jaas.config": jaas("org.apache.kafka.common.security.plain.PlainLoginModule", ` user_${username}="${password}"`),
    "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    "super.users": `User:${username}`,
    "allow.everyone.if.no.acl.found": false,
  });
}

function optionsFor(input) {
  const opts = { ...SECURE_DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  return { ...opts, dataDir: path.resolve(opts.dataDir), brokers: 1 };
}

/**
 * Starts the secured broker unless it already runs. Returns { bootstrap, started, mechanism, username, password,
 * startMs } (startMs: how long this call took, so callers can show the cost).
 */
export async function ensureSecureKafka(input = {}) {
  const t0 = Date.now();
  const opts = optionsFor(input);
  const creds = superUser(opts.dataDir);
  if (creds.created) {
    // A new password: storage formatted for another one would refuse it. Stop whatever ran and start clean.
    await stopKafka({ ...opts, graceMs: 2000 });
    fs.rmSync(path.join(opts.dataDir, "node-1", "data"), { recursive: true, force: true });
  }
  const sasl = { mechanism: SASL_MECHANISM, username: creds.username, password: creds.password };
  const r = await ensureKafka({
    ...opts,
    serverProps: secureProps(creds),
    formatArgs: ["--add-scram", `SCRAM-SHA-512=[name=${creds.username},password=${creds.password}]`],
    sasl,
  });
  // The broker's properties hold the password: readable by the owner only.
  const props = path.join(opts.dataDir, "node-1", "server.properties");
  if (fs.existsSync(props)) fs.chmodSync(props, 0o600);
  const startMs = Date.now() - t0;
  if (r.started) log(`secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer) ready at ${r.bootstrap} in ${(startMs / 1000).toFixed(1)} s`);
  return { ...r, mechanism: SASL_MECHANISM, username: creds.username, password: creds.password, startMs };
}

export async function stopSecureKafka(input = {}) {
  await stopKafka(optionsFor(input));
}

export async function secureStatus(input = {}) {
  return status(optionsFor(input));
}

function parseArgs(argv) {
  const [command = "status", ...rest] = argv;
  const out = { command };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const v = rest[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === "--port") out.port = Number(v);
    else if (a === "--data-dir") out.dataDir = v;
    else throw new Error(`unknown option ${a}`);
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port > 0 && out.port < 65000)) throw new Error("--port takes a TCP port number");
  return out;
}

async function main() {
  const { command, ...opts } = parseArgs(process.argv.slice(2));
  if (command === "start") {
    const r = await ensureSecureKafka(opts);
    // The password stays in the data dir's super-user.json; only where to find it is printed.
    process.stdout.write(`${r.bootstrap} (SASL_PLAINTEXT, SCRAM-SHA-512, user ${r.username}; password in ${path.join(optionsFor(opts).dataDir, "super-user.json")})\n`);
  } else if (command === "stop") {
    await stopSecureKafka(opts);
  } else if (command === "status") {
    const s = await secureStatus(opts);
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
