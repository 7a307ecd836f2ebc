import { Kafka, CompressionTypes, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import type { Cluster } from "@/prisma/generated/client";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { readSse } from "@/server/test-support/sse";

// The search reads record batches in place and asks the filter only about records whose value holds what a match
// must contain (the filter's value hint, found once per fetch). These messages are made to trip that up: the
// literal only in a key or a header, escaped in JSON (no literal, but a backslash), null and empty values, batches
// of several records, a gzip batch (left to kafkajs), and offsets far into the partition.

let cluster: Cluster;
const topic = unique("records");

type M = { key: string | null; value: string | null; headers?: Record<string, string> };
const plain: M[] = [];
for (let i = 0; i < 400; i++) {
  const tier = i % 50 === 7 ? "platinum" : i % 2 ? "gold" : "silver";
  plain.push({ key: `k-${i}`, value: JSON.stringify({ i, customer: { tier }, note: "x".repeat(i % 300) }) });
}
const tricky: M[] = [
  { key: "platinum-in-key", value: JSON.stringify({ i: 1000, customer: { tier: "gold" } }) },
  { key: "platinum-in-header", value: JSON.stringify({ i: 1001, customer: { tier: "gold" } }), headers: { tier: "platinum" } },
  { key: "escaped", value: '{"i":1002,"customer":{"tier":"pl\\u0061tinum"}}' },
  { key: "null-value", value: null },
  { key: "empty-value", value: "" },
  { key: "literal-outside-field", value: JSON.stringify({ i: 1003, customer: { tier: "gold" }, note: "platinum" }) },
];
const zipped: M[] = [{ key: "gzip", value: JSON.stringify({ i: 2000, customer: { tier: "platinum" } }) }];

beforeAll(async () => {
  cluster = await makeCluster();
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    for (let i = 0; i < plain.length; i += 37) await producer.send({ topic, messages: plain.slice(i, i + 37) });
    await producer.send({ topic, messages: tricky });
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages: zipped });
  } finally {
    await producer.disconnect();
  }
});

async function search(expression: string, extra: Record<string, unknown> = {}) {
  const url = `http://test/api/clusters/${cluster.id}/scan?q=${encodeURIComponent(JSON.stringify({ topic, expression, limit: 1000, ...extra }))}`;
  const res = await scanRoute(new Request(url), { params: Promise.resolve({ id: cluster.id }) });
  expect(res.status).toBe(200);
  const events = await readSse(res);
  const keys = events.filter((e) => e.event === "messages").flatMap((e) => (e.data as ScannedMessage[]).map((m) => m.key?.data));
  const done = events.find((e) => e.event === "done")?.data as { reason: string; scanned: number; matched: number };
  return { keys, done };
}

describe("a search reading record batches in place", () => {
  it("finds exactly the matches, escaped JSON and compressed batches included, and scans every record", async () => {
    const { keys, done } = await search('value.customer.tier == "platinum"');
    const expected = [...plain.filter((m) => m.value!.includes('"platinum"')).map((m) => m.key), "escaped", "gzip"];
    expect(keys).toEqual(expected);
    expect(done).toMatchObject({ reason: "completed", scanned: plain.length + tricky.length + zipped.length, matched: expected.length });
  });

  it("gives keys, values, headers and offsets as before", async () => {
    const { keys } = await search("true", { filters: { headerKey: "tier", headerValue: "platinum" } });
    expect(keys).toEqual(["platinum-in-header"]);
    const all = await search("");
    expect(all.keys).toEqual([...plain, ...tricky, ...zipped].map((m) => m.key));
  });

  it("a value-contains filter skips records without the text, null and empty values too", async () => {
    const { keys } = await search("", { filters: { valueContains: "platinum" } });
    expect(keys).toEqual([...plain.filter((m) => m.value!.includes("platinum")).map((m) => m.key), "literal-outside-field", "gzip"]);
  });
});
