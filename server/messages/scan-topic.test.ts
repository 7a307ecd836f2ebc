import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import { GET as tailRoute } from "@/app/api/clusters/[id]/tail/route";
import { GET as messageRoute } from "@/app/api/clusters/[id]/message/route";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import { compileFilter } from "@/lib/messages/message-filter";
import { scanRequestSchema } from "@/lib/messages/scan-schema";
import { produceMessageAction } from "@/server/actions/message-actions";
import type { Cluster } from "@/prisma/generated/client";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { readSse, type SseEvent } from "@/server/test-support/sse";
import { scanTopic } from "./scan-topic";

let cluster: Cluster;
const topic = unique("scan");
const T0 = Date.UTC(2026, 0, 1);
// 300 JSON orders over 3 partitions: total = i, source web for even i, timestamps T0 + i seconds.
const orders = Array.from({ length: 300 }, (_, i) => ({ i, total: i, source: i % 2 === 0 ? "web" : "mobile" }));

beforeAll(async () => {
  cluster = await makeCluster();
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] }));
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: orders.map((o) => ({
      key: `order-${o.i}`,
      value: JSON.stringify(o),
      partition: o.i % 3,
      timestamp: String(T0 + o.i * 1000),
      headers: { source: o.source },
    })),
  });
  await producer.send({ topic, messages: [{ key: "bin", value: Buffer.from([0, 1, 2, 255]), partition: 0, timestamp: String(T0 + 400_000) }] });
  await producer.disconnect();
});

function scan(q: Record<string, unknown>, until?: (e: SseEvent[]) => boolean) {
  const url = `http://test/api/clusters/${cluster.id}/scan?q=${encodeURIComponent(JSON.stringify({ topic, ...q }))}`;
  return scanRoute(new Request(url), { params: Promise.resolve({ id: cluster.id }) });
}

async function results(q: Record<string, unknown>) {
  const res = await scan(q);
  expect(res.status).toBe(200);
  const events = await readSse(res);
  const messages = events.filter((e) => e.event === "messages").flatMap((e) => e.data as ScannedMessage[]);
  const done = events.find((e) => e.event === "done")?.data as { reason: string; scanned: number; matched: number; evaluationErrors?: { missing: number; type: number; other: number; example: string | null } };
  return { events, messages, done };
}

describe("message search against the real broker", () => {
  it("streams meta, messages, progress and done, from the earliest offsets to the captured end", async () => {
    const { events, messages, done } = await results({});
    expect(events[0].event).toBe("meta");
    expect(events.some((e) => e.event === "progress")).toBe(true);
    expect(done).toMatchObject({ reason: "completed", scanned: 301, matched: 301 });
    expect(messages).toHaveLength(301);
    const m = messages.find((x) => x.key?.data === "order-7")!;
    expect(m).toMatchObject({ partition: 1, value: { encoding: "json" }, headers: [{ key: "source", value: "mobile" }], timestamp: T0 + 7000 });
    expect(JSON.parse(m.value!.data)).toEqual({ i: 7, total: 7, source: "mobile" });
    const bin = messages.find((x) => x.key?.data === "bin")!;
    expect(bin.value).toEqual({ encoding: "binary", data: Buffer.from([0, 1, 2, 255]).toString("base64"), size: 4, truncated: false });
  });

  it("returns results in time order across partitions, and says so", async () => {
    const { events, messages } = await results({ limit: 40 });
    expect((events[0].data as { order: string }).order).toBe("time");
    // Order i went to partition i % 3 at T0 + i s: in time order the keys run order-0, order-1, order-2, …
    expect(messages.map((m) => m.key?.data)).toEqual(Array.from({ length: 40 }, (_, i) => `order-${i}`));
    const fromTime = await results({ start: { kind: "timestamp", timestamp: T0 + 100_000 }, limit: 12 });
    expect(fromTime.messages.map((m) => m.key?.data)).toEqual(Array.from({ length: 12 }, (_, i) => `order-${100 + i}`));
  });

  it("latest N returns exactly the N newest messages of the topic", async () => {
    const { messages, done } = await results({ start: { kind: "latest", count: 10 } });
    expect(messages).toHaveLength(10);
    expect(done.matched).toBe(10);
    // The newest: "bin" (T0 + 400 s), then orders 299 down to 291.
    expect(messages.map((m) => m.key?.data).sort()).toEqual(["bin", ...Array.from({ length: 9 }, (_, k) => `order-${291 + k}`)].sort());
  });

  it("starts from latest N, an offset, or a timestamp", async () => {
    expect((await results({ start: { kind: "latest", count: 30 } })).messages).toHaveLength(30);
    const fromOffset = await results({ partitions: [0], start: { kind: "offset", offset: 95 } });
    expect(fromOffset.messages.map((m) => Number(m.offset))).toEqual([95, 96, 97, 98, 99, 100]);
    expect(fromOffset.messages.every((m) => m.partition === 0)).toBe(true);
    const fromTime = await results({ start: { kind: "timestamp", timestamp: T0 + 290_000 } });
    expect(fromTime.messages.map((m) => m.key?.data).sort()).toEqual([...Array.from({ length: 10 }, (_, k) => `order-${290 + k}`), "bin"].sort());
  });

  it("applies quick filters: key equals and contains, value contains, header equals", async () => {
    expect((await results({ filters: { keyEquals: "order-42" } })).messages.map((m) => m.key?.data)).toEqual(["order-42"]);
    expect((await results({ filters: { keyContains: "order-29" } })).messages).toHaveLength(11); // 29, 290..299
    expect((await results({ filters: { valueContains: '"total":150,' } })).messages.map((m) => m.key?.data)).toEqual(["order-150"]);
    expect((await results({ filters: { headerKey: "source", headerValue: "mobile" } })).messages).toHaveLength(150);
  });

  it("filters with a CEL expression over the decoded message", async () => {
    const r = await results({ expression: 'value.total > 100 && headers.source == "web"' });
    const expected = orders.filter((o) => o.total > 100 && o.source === "web").length;
    expect(r.messages).toHaveLength(expected);
    expect(r.done.matched).toBe(expected);
    expect((await results({ expression: "partition == 2 && offset < 3" })).messages).toHaveLength(3);
    expect((await results({ expression: 'key.startsWith("order-1") && timestamp < ' + (T0 + 20_000) })).messages).toHaveLength(11);
  });

  it("counts messages the expression could not be evaluated on, telling a type mismatch from a missing field", async () => {
    const typed = await results({ expression: 'value.total > "abc"' });
    expect(typed.messages).toHaveLength(0);
    // The 300 orders have a numeric total; the binary message's value is not JSON, so it has no fields at all.
    expect(typed.done.evaluationErrors).toMatchObject({ type: 300, missing: 1 });
    expect(typed.done.evaluationErrors?.example).toMatch(/no such overload/);
    const missing = await results({ expression: "value.nope > 1" });
    expect(missing.done.evaluationErrors).toMatchObject({ missing: 301, type: 0 });
  });

  it("one message in full: 200 with it, 404 (not 502) for an offset with no message or a topic that does not exist", async () => {
    const get = (q: Record<string, string>) =>
      messageRoute(new Request(`http://test/api/clusters/${cluster.id}/message?${new URLSearchParams(q)}`), { params: Promise.resolve({ id: cluster.id }) });
    const found = await get({ topic, partition: "1", offset: "2" });
    expect(found.status).toBe(200);
    expect(((await found.json()) as ScannedMessage).key?.data).toBe("order-7");
    const past = await get({ topic, partition: "1", offset: "999999" });
    expect(past.status).toBe(404);
    expect((await past.json()).error.message).toMatch(/No message at/);
    expect((await get({ topic: unique("nowhere"), partition: "0", offset: "0" })).status).toBe(404);
    expect((await get({ topic, partition: "x", offset: "0" })).status).toBe(400);
  });

  it("refuses a bad expression with a precise error before any scan starts", async () => {
    const res = await scan({ expression: "value.total > " });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/^Expression: Unexpected token/);
    const unknown = await (await scan({ expression: "vaule.total > 1" })).json();
    expect(unknown.error.message).toContain("Unknown variable: vaule");
  });

  it.each([
    'constructor.constructor("return process")()',
    "process.env",
    'require("fs")',
    "this.constructor",
    'value.__proto__.constructor("return 1")',
    "globalThis",
  ])("cannot reach the host: %s", async (expression) => {
    expect(compileFilter({}, expression).ok).toBe(false);
    expect((await scan({ expression })).status).toBe(400);
  });

  it("stops at its limits and says which", async () => {
    const limited = await results({ limit: 5 });
    expect(limited.messages).toHaveLength(5);
    expect(limited.done.reason).toBe("limit");
    const scanned = await results({ maxScanned: 50, expression: "value.total < 0" });
    expect(scanned.done).toMatchObject({ reason: "max-scanned", matched: 0 });
    expect(scanned.done.scanned).toBeGreaterThanOrEqual(50);
    expect(scanned.done.scanned).toBeLessThan(301);
  });

  it("ends the scan on the server when it is stopped", async () => {
    const abort = new AbortController();
    const req = scanRequestSchema.parse({ topic, expression: "value.total < 0" });
    const compiled = compileFilter(req.filters, req.expression);
    if (!compiled.ok) throw new Error(compiled.error);
    abort.abort();
    const done = await scanTopic(cluster, req, compiled.filter, abort.signal, { meta() {}, messages() {}, progress() {} });
    expect(done.reason).toBe("stopped");
    expect(done.scanned).toBeLessThan(301);
  });

  it("follows new messages live, then produce shows up", async () => {
    const url = `http://test/api/clusters/${cluster.id}/tail?q=${encodeURIComponent(JSON.stringify({ topic, filters: { keyEquals: "live-1" } }))}`;
    const res = await tailRoute(new Request(url), { params: Promise.resolve({ id: cluster.id }) });
    expect(res.status).toBe(200);
    const reading = readSse(res, (events) => events.some((e) => e.event === "messages"));
    // Give the tail a moment to capture its start offsets, then produce through the product's own action.
    await new Promise((r) => setTimeout(r, 500));
    const sent = await produceMessageAction({ clusterId: cluster.id, topic, key: "live-1", value: '{"hello":"world"}', format: "json", headers: [{ key: "h", value: "1" }], partition: 2 });
    expect(sent).toMatchObject({ ok: true, data: { partition: 2 } });
    const events = await reading;
    const got = events.filter((e) => e.event === "messages").flatMap((e) => e.data as ScannedMessage[]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ partition: 2, key: { data: "live-1" }, value: { encoding: "json", data: '{"hello":"world"}' }, headers: [{ key: "h", value: "1" }] });
  });

  it("produce checks JSON when asked, and is refused on a read-only cluster", async () => {
    expect(await produceMessageAction({ clusterId: cluster.id, topic, key: null, value: "{not json", format: "json" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", fieldErrors: { value: expect.stringContaining("Not valid JSON") } },
    });
    const ro = await makeCluster({ readOnly: true });
    expect(await produceMessageAction({ clusterId: ro.id, topic, key: null, value: "x" })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
  });
});
