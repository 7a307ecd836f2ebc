// Issue 19, item 7: conformance of a topic's newest messages to its contract, counted exactly on the real broker.
// Framed values come from the client library's serializer against the test registry; bare Avro from avsc.
import avro from "avsc";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as conformanceRoute } from "@/app/api/designs/[id]/conformance/route";
import type { Contract } from "@/lib/contracts/contract-schema";
import type { Cluster } from "@/prisma/generated/client";
import { makeDesign, topicNode } from "@/server/test-support/designs";
import { brokers, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { clusterWithRegistry, libraryClient, SchemaType, startRegistry, type TestRegistry } from "@/server/registry/test-support";
import type { DesignConformance } from "@/lib/contracts/conformance";
import { forgetConformance, topicConformance } from "./conformance";

const ORDER = { type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "total", type: "double" }] };
const PARTIAL = { type: "record", name: "Partial", namespace: "shop", fields: [{ name: "id", type: "string" }] };
const contract: Contract = { value: { format: "avro", text: JSON.stringify(ORDER) } };

let registry: TestRegistry;
let cluster: Cluster;
const topic = unique("conformance");
/** The newest 200 messages: index i went to partition i % 2; the bad ones are i % 5 === 3 below 185 (37 of them). */
const bad = (i: number) => i < 185 && i % 5 === 3;
const OLDER = 50;

beforeAll(async () => {
  registry = await startRegistry();
  cluster = await clusterWithRegistry(registry);
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] }));
  const lib = libraryClient(registry);
  const { id: orderId } = await lib.register({ type: SchemaType.AVRO, schema: JSON.stringify(ORDER) }, { subject: `${topic}-value` });
  const { id: partialId } = await lib.register({ type: SchemaType.AVRO, schema: JSON.stringify(PARTIAL) }, { subject: `${topic}-partial` });
  const bare = avro.Type.forSchema(ORDER as avro.Schema);
  const start = Date.now() - 3_600_000;
  const messages: { partition: number; timestamp: string; value: Buffer }[] = [];
  // Older messages, all broken: a sample of the newest 200 must not see them.
  for (let i = 0; i < OLDER; i++) messages.push({ partition: i % 2, timestamp: String(start + i), value: Buffer.from("older junk") });
  for (let i = 0; i < 200; i++) {
    const timestamp = String(start + 1000 + i);
    let value: Buffer;
    if (!bad(i)) value = i % 2 ? await lib.encode(orderId, { id: `o-${i}`, total: i }) : bare.toBuffer({ id: `o-${i}`, total: i });
    else if (i % 3 === 0) value = await lib.encode(partialId, { id: `o-${i}` });
    else value = Buffer.from(JSON.stringify({ id: `o-${i}`, total: i }));
    messages.push({ partition: i % 2, timestamp, value });
  }
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
});
afterAll(async () => {
  await registry.close();
});

/** Offset of the newest-200 message i: its partition holds OLDER / 2 older ones first. */
const offsetOf = (i: number) => String(OLDER / 2 + Math.floor(i / 2));

describe("conformance of a topic's newest messages", () => {
  it("counts exactly: 163 of the newest 200 conform, and the first violations say where and why", async () => {
    forgetConformance();
    const c = await topicConformance(cluster, topic, contract);
    expect(c).toMatchObject({ topic, sampled: 200, conforming: 163, tombstones: 0, complete: true });
    expect(c.error).toBeUndefined();
    const firstBad = Array.from({ length: 200 }, (_, i) => i).filter(bad).slice(0, 10);
    expect(c.violations.map((v) => [v.partition, v.offset])).toEqual(firstBad.map((i) => [i % 2, offsetOf(i)]));
    // i = 3: framed with a registered schema that lacks "total"; i = 8: JSON text where Avro belongs.
    expect(c.violations[0].problems[0]).toMatchObject({ path: "total", message: "a missing value is not a double" });
    expect(c.violations[1].problems[0]).toMatchObject({ path: "", message: expect.stringMatching(/^Does not decode with the contract/) });
  });

  it("keeps a sample for five minutes, and samples again when asked", async () => {
    forgetConformance();
    const first = await topicConformance(cluster, topic, contract);
    expect(await topicConformance(cluster, topic, contract)).toBe(first);
    expect(await topicConformance(cluster, topic, contract, { fresh: true })).toBe(first);
  });

  it("answers per topic node of a bound design through its route, and says why a missing topic was not sampled", async () => {
    const missing = unique("conformance-missing");
    const d = await makeDesign(cluster.id, { nodes: [topicNode(topic, { contract }), topicNode(missing, { contract }), topicNode(unique("plain"))], edges: [] });
    const res = await callRoute<DesignConformance>(conformanceRoute, `/api/designs/${d.id}/conformance`, { id: d.id });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.nodes)).toHaveLength(2);
    expect(res.body.nodes[topicNode(topic).id]).toMatchObject({ sampled: 200, conforming: 163 });
    expect(res.body.nodes[topicNode(missing).id].error).toMatch(/does not exist/);
  });
});
