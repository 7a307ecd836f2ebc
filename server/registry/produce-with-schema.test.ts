// Producing with a schema on the real broker: a registry subject (Avro, Protobuf, JSON Schema) frames the value
// with its schema id (and Protobuf's message indexes) so that the client library's own decode() reads it back;
// a topic's contract from a bound design encodes it bare; values that break the schema are refused with the
// field path before anything is sent.
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import avro from "avsc";
import protobuf from "protobufjs";
import { produceWithSchemaAction } from "@/server/actions/schema-produce-actions";
import { prisma } from "@/server/db/prisma";
import { topicNode } from "@/server/test-support/designs";
import { brokers, unique, withAdmin } from "@/server/test-support/fixtures";
import { clusterWithRegistry, libraryClient, SchemaType, startRegistry, type TestRegistry } from "./test-support";

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const ORDER_AVRO = JSON.stringify({ type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "total", type: "long" }, { name: "tags", type: { type: "array", items: "string" } }] });
const ORDER_PROTO = `syntax = "proto3"; package shop; message Header { string source = 1; } message Order { string id = 1; int64 total = 2; Header header = 3; }`;
const ORDER_JSON = JSON.stringify({ type: "object", properties: { id: { type: "string" }, total: { type: "number" } }, required: ["id", "total"] });

async function newTopic() {
  const topic = unique("produce-schema");
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
  return topic;
}

/** Every value on the topic, read with a plain consumer (not Topiary). */
async function readValues(topic: string, count: number): Promise<Buffer[]> {
  const consumer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).consumer({ groupId: unique("produce-schema-check") });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${count}`)), 20_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        out.push(message.value!);
        if (out.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}

describe("produce with a registry subject", () => {
  it("Avro, Protobuf (a second message, with its indexes) and JSON Schema: framed so the library decodes them", async () => {
    const cluster = await clusterWithRegistry(registry);
    const topic = await newTopic();
    const lib = libraryClient(registry);
    const avroId = (await lib.register({ type: SchemaType.AVRO, schema: ORDER_AVRO }, { subject: `${topic}-value` })).id;
    const protoId = (await lib.register({ type: SchemaType.PROTOBUF, schema: ORDER_PROTO }, { subject: `${topic}-proto` })).id;
    await lib.register({ type: SchemaType.JSON, schema: ORDER_JSON }, { subject: `${topic}-json` });
    const send = (value: unknown, schema: Record<string, unknown>) => produceWithSchemaAction({ clusterId: cluster.id, topic, key: "k", value: JSON.stringify(value), schema: schema as never });

    expect(await send({ id: "o-1", total: "9007199254740993", tags: ["a"] }, { source: "registry", subject: `${topic}-value` })).toMatchObject({ ok: true, data: { format: "avro", schemaId: avroId, version: 1 } });
    expect(await send({ id: "o-2", total: 42, header: { source: "web" } }, { source: "registry", subject: `${topic}-proto`, version: 1, messageType: "shop.Order" })).toMatchObject({ ok: true, data: { format: "protobuf", schemaId: protoId } });
    expect(await send({ id: "o-3", total: 7.5 }, { source: "registry", subject: `${topic}-json` })).toMatchObject({ ok: true, data: { format: "json-schema" } });

    const [a, p, j] = await readValues(topic, 3);
    // Avro: the library's decode reads Topiary's frame (its long type loses the 64-bit value; the frame is what counts here).
    expect([...a.subarray(0, 5)]).toEqual([0, 0, 0, 0, avroId]);
    const avroType = avro.Type.forSchema(JSON.parse(ORDER_AVRO), { registry: { long: avro.types.LongType.__with({ fromBuffer: (b: Buffer) => b.readBigInt64LE(), toBuffer: (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return b; }, fromJSON: BigInt, toJSON: Number, isValid: (n: unknown) => typeof n === "bigint", compare: () => 0 }) } });
    expect(avroType.fromBuffer(a.subarray(5))).toMatchObject({ id: "o-1", total: BigInt("9007199254740993"), tags: ["a"] });
    // Protobuf: magic byte, id, message indexes [1] (Order is the file's second message), then the message.
    expect([...p.subarray(0, 7)]).toEqual([0, 0, 0, 0, protoId, 2, 2]);
    const Order = protobuf.parse(ORDER_PROTO, { keepCase: true }).root.lookupType("shop.Order");
    expect(Order.toObject(Order.decode(p.subarray(7)), { longs: Number })).toEqual({ id: "o-2", total: 42, header: { source: "web" } });
    expect(await lib.decode(j)).toEqual({ id: "o-3", total: 7.5 });
  });

  it("refuses a value that breaks the schema, naming the field, and sends nothing", async () => {
    const cluster = await clusterWithRegistry(registry);
    const topic = await newTopic();
    await libraryClient(registry).register({ type: SchemaType.AVRO, schema: ORDER_AVRO }, { subject: `${topic}-value` });
    const r = await produceWithSchemaAction({ clusterId: cluster.id, topic, value: JSON.stringify({ id: 5, total: 1, tags: [] }), schema: { source: "registry", subject: `${topic}-value` } });
    expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("id: 5 is not a string"), fieldErrors: { value: expect.stringContaining("id") } } });
    expect(await produceWithSchemaAction({ clusterId: cluster.id, topic, value: "{", schema: { source: "registry", subject: `${topic}-value` } })).toMatchObject({ ok: false, error: { fieldErrors: { value: expect.stringContaining("Not valid JSON") } } });
    expect(await produceWithSchemaAction({ clusterId: cluster.id, topic, value: "{}", schema: { source: "registry", subject: "no-such-subject" } })).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: expect.stringContaining("40401") } });
    const offsets = await withAdmin((a) => a.fetchTopicOffsets(topic));
    expect(offsets[0].high).toBe("0");
  });
});

describe("produce with the topic's contract", () => {
  it("encodes bare Avro with the contract of a design bound to the cluster", async () => {
    const cluster = await clusterWithRegistry(registry);
    const topic = await newTopic();
    const node = topicNode(topic);
    const topology = { nodes: [{ ...node, data: { ...node.data, contract: { value: { format: "avro", text: ORDER_AVRO } } } }], edges: [] };
    const d = await prisma.design.create({ data: { name: unique("d"), clusterId: cluster.id, topology: JSON.stringify(topology), layout: JSON.stringify({ positions: {} }) } });
    expect(await produceWithSchemaAction({ clusterId: cluster.id, topic, value: JSON.stringify({ id: "c-1", total: 3, tags: [] }), schema: { source: "contract", designId: d.id } })).toMatchObject({ ok: true, data: { format: "avro" } });
    const [v] = await readValues(topic, 1);
    expect(v[0]).not.toBe(0);
    expect(avro.Type.forSchema(JSON.parse(ORDER_AVRO)).fromBuffer(v)).toMatchObject({ id: "c-1", tags: [] });
    // A design bound elsewhere is not this cluster's contract.
    const other = await prisma.design.create({ data: { name: unique("d"), clusterId: null, topology: JSON.stringify(topology), layout: JSON.stringify({ positions: {} }) } });
    expect(await produceWithSchemaAction({ clusterId: cluster.id, topic, value: "{}", schema: { source: "contract", designId: other.id } })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
