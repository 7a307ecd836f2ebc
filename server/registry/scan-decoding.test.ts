// Decoding in a search on the real broker: values framed for a Schema Registry by the client library's own
// serializers (Avro, Protobuf without message indexes as that library writes it, Protobuf with Confluent's
// indexes, JSON Schema) are decoded with the schema of their id, fetched once per id; CEL filters read decoded
// fields (in the worker threads); a message that does not decode shows why and its raw bytes without ending the
// search; schemaless Avro and Protobuf decode with a bound design's contract or a pasted schema; Topiary's own
// produce reads back decoded.
import { Kafka, logLevel } from "kafkajs";
import avro from "avsc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import type { Cluster } from "@/prisma/generated/client";
import { produceWithSchemaAction } from "@/server/actions/schema-produce-actions";
import { prisma } from "@/server/db/prisma";
import { topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { readSse } from "@/server/test-support/sse";
import { clusterWithRegistry, libraryClient, SchemaType, startRegistry, type TestRegistry } from "./test-support";

const AVRO = JSON.stringify({ type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "tier", type: "string" }, { name: "total", type: "long" }, { name: "note", type: ["null", "string"], default: null }] });
const PROTO = `syntax = "proto3"; package shop; message Order { string id = 1; string tier = 2; int64 total = 3; }`;
const JSON_SCHEMA = JSON.stringify({ type: "object", properties: { id: { type: "string" }, tier: { type: "string" }, total: { type: "number" } } });

let registry: TestRegistry;
let cluster: Cluster;
const topic = unique("decode");
const ids: Record<string, number> = {};

async function send(t: string, messages: { key: string; value: Buffer | string }[]) {
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: t, messages });
  await producer.disconnect();
}

async function search(c: Cluster, q: Record<string, unknown>) {
  const url = `http://test/api/clusters/${c.id}/scan?q=${encodeURIComponent(JSON.stringify({ start: { kind: "earliest" }, ...q }))}`;
  const res = await scanRoute(new Request(url), { params: Promise.resolve({ id: c.id }) });
  const events = await readSse(res, (e) => e.some((x) => x.event === "done" || x.event === "error"));
  const error = events.find((e) => e.event === "error");
  if (error) throw new Error(JSON.stringify(error.data));
  const messages = events.filter((e) => e.event === "messages").flatMap((e) => e.data as ScannedMessage[]);
  const done = events.find((e) => e.event === "done")?.data as { matched: number; scanned: number; evaluationErrors?: { missing: number; type: number; other: number } };
  return { messages, done, byKey: (k: string) => messages.find((m) => m.key?.data === k)! };
}

beforeAll(async () => {
  registry = await startRegistry();
  cluster = await clusterWithRegistry(registry);
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] }));
  const lib = libraryClient(registry);
  ids.avro = (await lib.register({ type: SchemaType.AVRO, schema: AVRO }, { subject: `${topic}-value` })).id;
  ids.proto = (await lib.register({ type: SchemaType.PROTOBUF, schema: PROTO }, { subject: `${topic}-proto` })).id;
  ids.json = (await lib.register({ type: SchemaType.JSON, schema: JSON_SCHEMA }, { subject: `${topic}-json` })).id;
  const proto = await lib.encode(ids.proto, { id: "p-2", tier: "gold", total: 20 });
  await send(topic, [
    { key: "avro-1", value: await lib.encode(ids.avro, { id: "a-1", tier: "gold", total: 10, note: "first" }) },
    { key: "avro-2", value: await lib.encode(ids.avro, { id: "a-2", tier: "silver", total: 11, note: null }) },
    { key: "proto-plain", value: proto },
    // Confluent's serializers put the message indexes ([0]: one zero byte) between the id and the message.
    { key: "proto-indexed", value: Buffer.concat([proto.subarray(0, 5), Buffer.from([0]), await lib.encode(ids.proto, { id: "p-3", tier: "silver", total: 30 }).then((b) => b.subarray(5))]) },
    { key: "json", value: await lib.encode(ids.json, { id: "j-1", tier: "gold", total: 40 }) },
    { key: "plain", value: JSON.stringify({ id: "x-1", tier: "gold", total: 50 }) },
    { key: "unknown-id", value: Buffer.from([0, 0, 0, 0x7f, 0x7e, 1, 2, 3]) },
    { key: "broken-avro", value: (await lib.encode(ids.avro, { id: "a-3", tier: "gold", total: 12, note: "cut" })).subarray(0, 9) },
  ]);
});
afterAll(() => registry.close());

describe("decoding framed messages with the cluster's registry", () => {
  it("shows each row decoded with its format, subject and schema id; failures keep their bytes and say why", async () => {
    const { messages, byKey } = await search(cluster, { topic });
    expect(messages).toHaveLength(8);
    expect(byKey("avro-1").valueSchema).toEqual({ format: "avro", source: "registry", schemaId: ids.avro, subject: `${topic}-value`, version: 1 });
    expect(JSON.parse(byKey("avro-1").value!.data)).toEqual({ id: "a-1", tier: "gold", total: 10, note: "first" });
    expect(byKey("proto-plain").valueSchema).toMatchObject({ format: "protobuf", schemaId: ids.proto, subject: `${topic}-proto`, messageType: "shop.Order" });
    expect(JSON.parse(byKey("proto-plain").value!.data)).toEqual({ id: "p-2", tier: "gold", total: 20 });
    expect(JSON.parse(byKey("proto-indexed").value!.data)).toEqual({ id: "p-3", tier: "silver", total: 30 });
    expect(byKey("json").valueSchema).toMatchObject({ format: "json-schema", schemaId: ids.json });
    expect(JSON.parse(byKey("json").value!.data)).toEqual({ id: "j-1", tier: "gold", total: 40 });
    expect(byKey("plain").valueSchema).toBeUndefined();
    expect(byKey("plain").value?.encoding).toBe("json");
    const unknown = byKey("unknown-id");
    expect(unknown.valueSchema).toMatchObject({ source: "registry", schemaId: 0x7f7e, error: expect.stringContaining("40403") });
    expect(unknown.value).toMatchObject({ encoding: "binary", size: 8 });
    const broken = byKey("broken-avro");
    expect(broken.valueSchema?.error).toMatch(/Does not decode with schema id \d+: truncated/);
    expect(broken.value?.encoding).toBe("binary");
  });

  it("CEL filters read decoded fields, and each schema is fetched once per id", async () => {
    const before = registry.requests.byPath.get(`GET /schemas/ids/${ids.avro}`) ?? 0;
    const gold = await search(cluster, { topic, expression: 'value.tier == "gold" && value.total >= 10' });
    expect(gold.messages.map((m) => m.key?.data).sort()).toEqual(["avro-1", "json", "plain", "proto-plain"]);
    expect(JSON.parse(gold.byKey("proto-plain").value!.data).tier).toBe("gold");
    const big = await search(cluster, { topic, expression: "value.total > 25" });
    expect(big.messages.map((m) => m.key?.data).sort()).toEqual(["json", "plain", "proto-indexed"]);
    // The broken and unknown ones reach the expression as null: they do not match, are counted, the search goes on.
    const { missing, type, other } = big.done.evaluationErrors!;
    expect(missing + type + other).toBe(2);
    // Fetched by the first search of this file (or this one), never again.
    expect(before).toBeLessThanOrEqual(1);
    expect(registry.requests.byPath.get(`GET /schemas/ids/${ids.avro}`)).toBe(1);
    expect(registry.requests.byPath.get(`GET /schemas/ids/${ids.proto}`)).toBe(1);
  });

  it("reads back what Topiary produced with a subject", async () => {
    const r = await produceWithSchemaAction({ clusterId: cluster.id, topic, key: "produced", value: JSON.stringify({ id: "t-1", tier: "platinum", total: "9007199254740993" }), schema: { source: "registry", subject: `${topic}-value` } });
    expect(r.ok).toBe(true);
    const { messages } = await search(cluster, { topic, expression: 'value.tier == "platinum"' });
    expect(messages).toHaveLength(1);
    expect(messages[0].valueSchema).toMatchObject({ format: "avro", schemaId: ids.avro });
    expect(JSON.parse(messages[0].value!.data)).toEqual({ id: "t-1", tier: "platinum", total: "9007199254740993", note: null });
  });

  it("turned off, framed values are shown as bytes", async () => {
    const { byKey } = await search(cluster, { topic, decode: { registry: false } });
    expect(byKey("avro-1").valueSchema).toBeUndefined();
    expect(byKey("avro-1").value?.encoding).toBe("binary");
  });
});

describe("schemaless Avro and Protobuf", () => {
  it("decode with the topic's contract from a bound design, and with a pasted schema; CEL sees the decoded value", async () => {
    const plain = await makeCluster();
    const t = unique("schemaless");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: t, numPartitions: 1 }] }));
    const type = avro.Type.forSchema(JSON.parse(AVRO));
    await send(t, [
      { key: "a", value: type.toBuffer({ id: "s-1", tier: "gold", total: 1, note: null }) },
      { key: "b", value: type.toBuffer({ id: "s-2", tier: "silver", total: 2, note: "n" }) },
      { key: "junk", value: Buffer.from("not avro at all") },
    ]);
    const node = topicNode(t);
    const topology = { nodes: [{ ...node, data: { ...node.data, contract: { value: { format: "avro", text: AVRO } } } }], edges: [] };
    const d = await prisma.design.create({ data: { name: unique("d"), clusterId: plain.id, topology: JSON.stringify(topology), layout: JSON.stringify({ positions: {} }) } });

    const withContract = await search(plain, { topic: t, decode: { value: { source: "contract", designId: d.id } }, expression: 'value.tier == "gold"' });
    expect(withContract.messages.map((m) => m.key?.data)).toEqual(["a"]);
    expect(withContract.messages[0].valueSchema).toEqual({ format: "avro", source: "contract" });
    const all = await search(plain, { topic: t, decode: { value: { source: "contract", designId: d.id } } });
    expect(all.byKey("junk").valueSchema?.error).toMatch(/Does not decode with the topic's contract/);
    expect(all.byKey("junk").value?.data).toBe("not avro at all");

    const pt = unique("schemaless-proto");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: pt, numPartitions: 1 }] }));
    const protobuf = (await import("protobufjs")).default;
    const Order = protobuf.parse(PROTO).root.lookupType("shop.Order");
    await send(pt, [{ key: "p", value: Buffer.from(Order.encode(Order.create({ id: "q-1", tier: "gold", total: 99 })).finish()) }]);
    const pasted = await search(plain, { topic: pt, decode: { value: { source: "pasted", format: "protobuf", text: PROTO } }, expression: "value.total == 99" });
    expect(pasted.messages).toHaveLength(1);
    expect(JSON.parse(pasted.messages[0].value!.data)).toEqual({ id: "q-1", tier: "gold", total: 99 });
    expect(pasted.messages[0].valueSchema).toMatchObject({ format: "protobuf", source: "pasted", messageType: "shop.Order" });
  });
});
