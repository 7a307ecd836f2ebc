#!/usr/bin/env node
// `BENCH_FORMAT=avro npm run bench:scan` (or protobuf): the message search of bench:scan over values framed for a
// Schema Registry, filtered with CEL on a decoded field, against the raw kcat read of the same topic in one run.
//
// Loads BENCH_MESSAGES (1,000,000) order events — the same fields as bench:scan's JSON ones, about 1 KB with the
// note — into a 6-partition topic bench.scan.<size>.<format> (once, reused when present), each encoded and framed
// by @kafkajs/confluent-schema-registry's serializer (not Topiary's code) against the test registry
// (server/test-support/schema-registry/), which this script starts and the console's cluster is pointed at (its
// schema is registered first, so it is id 1 in every run). Then times, median of BENCH_ROUNDS (3):
//   (a) Topiary's search endpoint, `value.customer.tier == "platinum"` (0.1 % match), to completion;
//   (c) kcat -C -e reading the same topic (printing each value's size: the values are binary);
// and prints how many times the console fetched the schema by id (target: 1) and the time to the first row of a
// "latest 100". Target: (a) at most 1.5x (c). The last line is key=value pairs. A benchmark exits 0 on a miss.
import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import kafkajs from "kafkajs";
import schemaRegistry from "@kafkajs/confluent-schema-registry";
import { ensureKafka } from "../kafka/kafka.mjs";
import { startTestRegistry } from "../../server/test-support/schema-registry/registry-server.mjs";
import { clusterOf, machineLine, machinePairs, mb, median, num, out, root, say, sampleRss, startConsole } from "./bench-console.mjs";

const { Kafka, logLevel, CompressionTypes } = kafkajs;
const { SchemaRegistry, SchemaType } = schemaRegistry;
const format = process.env.BENCH_FORMAT;
const messages = num("BENCH_MESSAGES", 1_000_000);
const sizeLabel = (n) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n));
const cfg = { topic: `bench.scan.${sizeLabel(messages)}.${format}`, partitions: 6, rounds: num("BENCH_ROUNDS", 3), port: num("BENCH_PORT", 0) };
const TIERS = ["bronze", "silver", "gold"];
const isPlatinum = (i) => i % 1000 === 999;
// A search returns at most 10,000 matches: from 10,000,000 messages on it also names one customer, as bench:scan does.
const NARROW = messages / 1000 >= 10_000;
const isWanted = NARROW ? (i) => isPlatinum(i) && i % 5000 === 999 : isPlatinum;
const CEL_FILTER = NARROW ? 'value.customer.tier == "platinum" && value.customer.id == "c-999"' : 'value.customer.tier == "platinum"';

const AVRO = {
  type: "record",
  name: "Order",
  namespace: "bench",
  fields: [
    { name: "orderId", type: "string" },
    { name: "customer", type: { type: "record", name: "Customer", fields: [{ name: "id", type: "string" }, { name: "tier", type: "string" }, { name: "country", type: "string" }] } },
    { name: "lines", type: { type: "array", items: { type: "record", name: "Line", fields: [{ name: "sku", type: "string" }, { name: "qty", type: "int" }, { name: "price", type: "double" }] } } },
    { name: "total", type: "int" },
    { name: "currency", type: "string" },
    { name: "createdAt", type: "string" },
    { name: "note", type: "string" },
  ],
};
const PROTO = `syntax = "proto3";
package bench;
message Order {
  message Customer { string id = 1; string tier = 2; string country = 3; }
  message Line { string sku = 1; int32 qty = 2; double price = 3; }
  string orderId = 1; Customer customer = 2; repeated Line lines = 3; int32 total = 4; string currency = 5; string createdAt = 6; string note = 7;
}`;

/** bench:scan's order event, about 1 KB once encoded (the note pads it). */
function order(i) {
  return {
    orderId: `o-${i}`,
    customer: { id: `c-${i % 5000}`, tier: isPlatinum(i) ? "platinum" : TIERS[i % 3], country: ["DE", "FR", "NL", "SE"][i % 4] },
    lines: [
      { sku: `sku-${i % 97}`, qty: 1 + (i % 3), price: 9.5 },
      { sku: `sku-${i % 89}`, qty: 1, price: 21 },
    ],
    total: 40 + (i % 500),
    currency: "EUR",
    createdAt: new Date(1_780_000_000_000 + i * 1000).toISOString(),
    note: "x".repeat(840),
  };
}

async function topicCount(admin) {
  if (!(await admin.listTopics()).includes(cfg.topic)) return -1;
  return (await admin.fetchTopicOffsets(cfg.topic)).reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
}

async function loadData(bootstrap, lib, schemaId) {
  const kafka = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let count = await topicCount(admin);
    if (count === messages) return say(`reusing ${cfg.topic} (${count.toLocaleString()} messages)`);
    if (count >= 0) {
      say(`${cfg.topic} has ${count} messages, not ${messages}: recreating it`);
      await admin.deleteTopics({ topics: [cfg.topic] });
      for (let i = 0; i < 50 && (await admin.listTopics()).includes(cfg.topic); i++) await new Promise((r) => setTimeout(r, 200));
    }
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: cfg.topic, numPartitions: cfg.partitions }] });
    say(`loading ${messages.toLocaleString()} ${format} messages framed by the library's serializer…`);
    const t0 = Date.now();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const BATCH = 5000;
    for (let start = 0; start < messages; start += BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(messages, start + BATCH); i++) batch.push({ partition: i % cfg.partitions, value: await lib.encode(schemaId, order(i)) });
      await producer.send({ topic: cfg.topic, acks: 1, compression: CompressionTypes.None, messages: batch });
    }
    await producer.disconnect();
    count = await topicCount(admin);
    say(`loaded ${count.toLocaleString()} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (count !== messages) throw new Error(`expected ${messages} messages, found ${count}`);
  } finally {
    await admin.disconnect();
  }
}

function timeShell(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync("bash", ["-o", "pipefail", "-c", cmd], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, stdout: r.stdout };
}

/** A search through the console's event stream: the whole search, its first row, and its matches. */
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
  let sample = null;
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
        const rows = JSON.parse(data);
        sample ??= rows[0];
        matched += rows.length;
      } else if (event === "done") done = JSON.parse(data);
      else if (event === "error") throw new Error(`search failed: ${data}`);
    }
  }
  return { ms: performance.now() - t0, firstRowMs, matched, done, sample };
}

/** Points the console's cluster at the registry (its store, as the Schema Registry page would save it). */
function setRegistry(clusterId, url) {
  const db = new Database(path.join(root, ".topiary/bench-scan-format/bench.db"));
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare('INSERT INTO "SchemaRegistry" (id, clusterId, url, authKind, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)').run(`bench-${Date.now()}`, clusterId, url, "none", now, now);
  db.close();
}

async function main() {
  if (format !== "avro" && format !== "protobuf") throw new Error(`BENCH_FORMAT=${format}: use avro or protobuf (json is bench:scan's own)`);
  if (spawnSync("which", ["kcat"]).status !== 0) throw new Error("kcat is missing: apt-get install kcat");
  const registry = await startTestRegistry();
  const lib = new SchemaRegistry({ host: registry.url });
  const schema = format === "avro" ? { type: SchemaType.AVRO, schema: JSON.stringify(AVRO) } : { type: SchemaType.PROTOBUF, schema: PROTO };
  const { id: schemaId } = await lib.register(schema, { subject: `${cfg.topic}-value` });
  if (schemaId !== 1) throw new Error(`the schema got id ${schemaId}, not 1`);
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  await loadData(bootstrap, lib, schemaId);
  let expected = 0;
  for (let i = 0; i < messages; i++) if (isWanted(i)) expected++;
  const app = await startConsole({ name: "bench-scan-format", bootstrap, port: cfg.port, env: { AUTH_DISABLED: "true", TOPIARY_LAG_INTERVAL_MS: "0" } });
  const fetches = () => registry.requests.byPath.get(`GET /schemas/ids/${schemaId}`) ?? 0;
  try {
    const { base, pid } = app;
    const clusterId = (await clusterOf(base)).id;
    setRegistry(clusterId, registry.url);
    const query = { topic: cfg.topic, start: { kind: "earliest" }, expression: CEL_FILTER, limit: 10_000, maxScanned: 50_000_000, maxDurationMs: 600_000 };
    say("warming up the console…");
    const warm = await timeSearch(base, clusterId, { ...query, maxScanned: 50_000 });
    if (warm.sample && !warm.sample.valueSchema) throw new Error(`the search did not decode: ${JSON.stringify(warm.sample).slice(0, 300)}`);
    const kcatRaw = `kcat -C -b ${bootstrap} -t ${cfg.topic} -o beginning -e -q -f '%S\\n' | wc -l`;
    const ours = [];
    const raw = [];
    const firstRows = [];
    let rssPeak = 0;
    for (let r = 0; r < cfg.rounds; r++) {
      say(`round ${r + 1}/${cfg.rounds}`);
      const rss = sampleRss(pid, 250);
      const a = await timeSearch(base, clusterId, query);
      rssPeak = Math.max(rssPeak, rss.stop().peak);
      if (a.matched !== expected || a.done?.reason !== "completed") throw new Error(`Topiary found ${a.matched} (${a.done?.reason}), expected ${expected}`);
      if (a.sample?.valueSchema?.schemaId !== schemaId || JSON.parse(a.sample.value.data).customer.tier !== "platinum") throw new Error(`a match was not decoded: ${JSON.stringify(a.sample).slice(0, 300)}`);
      ours.push(a.ms);
      const c = timeShell(kcatRaw);
      if (Number(c.stdout.trim()) !== messages) throw new Error(`kcat read ${c.stdout.trim()} messages, expected ${messages}`);
      raw.push(c.ms);
      const latest = await timeSearch(base, clusterId, { topic: cfg.topic, start: { kind: "latest", count: 100 }, limit: 100 });
      firstRows.push(latest.firstRowMs ?? latest.ms);
      say(`  Topiary ${(a.ms / 1000).toFixed(2)} s (RSS peak ${mb(rssPeak)} MB), kcat ${(c.ms / 1000).toFixed(2)} s, schema fetched ${fetches()} time(s)`);
    }
    const o = median(ours);
    const w = median(raw);
    const f = median(firstRows);
    out(`message search over ${messages.toLocaleString()} Schema-Registry-framed ${format} messages (${cfg.partitions} partitions), ${expected} matches: ${CEL_FILTER}, median of ${cfg.rounds}`);
    out(`  (a) Topiary search endpoint (decoding)  ${(o / 1000).toFixed(2)} s  (${Math.round(messages / (o / 1000)).toLocaleString()} msg/s)`);
    out(`  (c) kcat raw read                       ${(w / 1000).toFixed(2)} s  (printing each value's size)`);
    out(`  (a)/(c) = ${(o / w).toFixed(2)} (target <= 1.5)   schema fetched by id: ${fetches()} (target 1)   latest 100, first row ${f.toFixed(0)} ms`);
    out(`  console RSS during the searches peak ${mb(rssPeak)} MB`);
    out(`  ${machineLine()}`);
    out(`format=${format} ours_ms=${o.toFixed(0)} raw_ms=${w.toFixed(0)} ratio_vs_raw=${(o / w).toFixed(3)} schema_fetches=${fetches()} first_row_ms=${f.toFixed(0)} rss_peak_mb=${mb(rssPeak)} messages=${messages} matches=${expected} ${machinePairs()}`);
  } finally {
    await app.stop();
    await registry.close();
  }
}

await main().then(
  () => process.exit(0),
  (e) => {
    say(`error: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message ?? e.cause})` : ""}`);
    process.exit(1);
  },
);
