#!/usr/bin/env node
// `npm run demo`: something real for every page. Creates a few topics on the local cluster (or KAFKA_BROKERS),
// produces JSON order events continuously, and runs consumer groups, one of them slower than the producers
// so that it builds up lag. Ctrl-C stops it (or --duration SECONDS).
// Another broker: KAFKA_BROKERS=host:9092,… npm run demo (or KAFKA_PORT for a local one on another port).
import { Kafka, Partitioners, logLevel } from "kafkajs";
import crypto from "node:crypto";

const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`).split(",");
const durationArg = process.argv.indexOf("--duration");
const durationMs = durationArg > 0 ? Number(process.argv[durationArg + 1]) * 1000 : Infinity;
const rateArg = process.argv.indexOf("--rate");
const rate = rateArg > 0 ? Number(process.argv[rateArg + 1]) : 20; // order events per second
const say = (msg) => process.stderr.write(`[demo] ${msg}\n`);

const TOPICS = [
  { topic: "demo.orders", numPartitions: 6, configEntries: [{ name: "retention.ms", value: String(7 * 24 * 3600 * 1000) }] },
  { topic: "demo.payments", numPartitions: 3 },
  { topic: "demo.shipments", numPartitions: 3 },
  { topic: "demo.customers", numPartitions: 1, configEntries: [{ name: "cleanup.policy", value: "compact" }] },
];
const CUSTOMERS = Array.from({ length: 50 }, (_, i) => ({ id: `c-${1000 + i}`, tier: ["bronze", "silver", "gold", "platinum"][i % 4] }));
const SKUS = ["tea-green", "tea-black", "mug-blue", "kettle", "filter-pack", "honey-jar"];

// kafkajs logs the group coordinator's start-up (a new broker creates its offsets topic on the first join) as
// errors and retries by itself: expected, so not shown. Anything else is one short line.
const TRANSIENT = /group coordinator is not available|GROUP_COORDINATOR_NOT_AVAILABLE|coordinator is loading|Restarting the consumer|NOT_COORDINATOR|rebalanc/i;
const logCreator = () => ({ level, log }) => {
  if (level > logLevel.WARN || TRANSIENT.test(`${log.message} ${log.error ?? ""}`)) return;
  say(`kafka: ${log.message}${log.error ? ` (${log.error})` : ""}`);
};
const kafka = new Kafka({ clientId: "topiary-demo", brokers, logLevel: logLevel.WARN, logCreator });
const admin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const consumers = [];
let stopping = false;

function order() {
  const customer = CUSTOMERS[crypto.randomInt(CUSTOMERS.length)];
  const lines = Array.from({ length: 1 + crypto.randomInt(3) }, () => ({ sku: SKUS[crypto.randomInt(SKUS.length)], qty: 1 + crypto.randomInt(4), price: 3 + crypto.randomInt(40) }));
  return {
    orderId: crypto.randomUUID(),
    customer,
    lines,
    total: lines.reduce((s, l) => s + l.qty * l.price, 0),
    source: Math.random() < 0.7 ? "web" : "mobile",
    createdAt: new Date().toISOString(),
  };
}

async function startConsumer(groupId, topic, delayMs, onMessage) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  consumers.push(consumer);
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (onMessage) await onMessage(JSON.parse(message.value.toString()));
    },
  });
}

async function stop() {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  await Promise.allSettled([producer.disconnect(), admin.disconnect(), ...consumers.map((c) => c.disconnect())]);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

await admin.connect();
const existing = new Set(await admin.listTopics());
const missing = TOPICS.filter((t) => !existing.has(t.topic));
if (missing.length) {
  await admin.createTopics({ topics: missing, waitForLeaders: true });
  say(`created ${missing.map((t) => t.topic).join(", ")}`);
}
await producer.connect();
await producer.send({
  topic: "demo.customers",
  messages: CUSTOMERS.map((c) => ({ key: c.id, value: JSON.stringify({ ...c, name: `Customer ${c.id}` }) })),
});

// "billing" keeps up; "analytics" is deliberately slow and builds lag; "shipping" follows payments.
await startConsumer("demo-billing", "demo.orders", 0, async (o) => {
  await producer.send({ topic: "demo.payments", messages: [{ key: o.orderId, value: JSON.stringify({ orderId: o.orderId, amount: o.total, status: "captured", at: new Date().toISOString() }) }] });
});
await startConsumer("demo-analytics", "demo.orders", Math.round(2000 / rate), null);
await startConsumer("demo-shipping", "demo.payments", 0, async (p) => {
  await producer.send({ topic: "demo.shipments", messages: [{ key: p.orderId, value: JSON.stringify({ orderId: p.orderId, carrier: "dhl", at: new Date().toISOString() }) }] });
});

say(`producing about ${rate} orders/s to ${brokers.join(",")}; Ctrl-C stops`);
const started = Date.now();
let sent = 0;
const timer = setInterval(async () => {
  if (stopping) return;
  if (Date.now() - started > durationMs) {
    clearInterval(timer);
    await stop();
    return;
  }
  const batch = Array.from({ length: Math.max(1, Math.round(rate / 4)) }, () => {
    const o = order();
    return { key: o.customer.id, value: JSON.stringify(o), headers: { source: o.source, "content-type": "application/json" } };
  });
  try {
    await producer.send({ topic: "demo.orders", messages: batch });
    sent += batch.length;
    if (sent % (rate * 30) < batch.length) say(`${sent} orders sent`);
  } catch (e) {
    say(`send failed: ${e.message}`);
  }
}, 250);
