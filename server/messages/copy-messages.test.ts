// Copying chosen messages to a topic (replay), against the real broker: key, value and headers byte for byte,
// in the order chosen, into the same partitions when asked.
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { copyMessagesAction } from "@/server/actions/message-actions";
import { prisma } from "@/server/db/prisma";
import type { Cluster } from "@/prisma/generated/client";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { fetchRecords } from "./fetch-records";

let cluster: Cluster;
let source: string;
let target: string;

beforeAll(async () => {
  cluster = await makeCluster();
  source = unique("copy-src");
  target = unique("copy-dst");
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: source, numPartitions: 2 }, { topic: target, numPartitions: 2 }] }));
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({
    topic: source,
    messages: Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: Buffer.from([i, 0, 255, i]), partition: i % 2, headers: { h: `v${i}` } })),
  });
  await producer.disconnect();
});

describe("copying messages", () => {
  it("copies the chosen messages byte for byte into the same partitions, and says which were missing", async () => {
    // Partition 1 holds k1, k3, k5 at offsets 0, 1, 2; partition 0 holds k0, k2, k4.
    const refs = [
      { partition: 1, offset: "2" },
      { partition: 0, offset: "1" },
      { partition: 1, offset: "0" },
      { partition: 0, offset: "99" },
    ];
    const r = await copyMessagesAction({ clusterId: cluster.id, topic: source, refs, target, keepPartition: true });
    expect(r).toMatchObject({ ok: true, data: { copied: 3, missing: 1, target } });
    const p1 = await fetchRecords(cluster, target, 1, 0, 1 << 20);
    expect(p1.map((m) => [m.key?.toString(), [...(m.value ?? [])], (m.headers.h as Buffer).toString()])).toEqual([
      ["k5", [5, 0, 255, 5], "v5"],
      ["k1", [1, 0, 255, 1], "v1"],
    ]);
    const p0 = await fetchRecords(cluster, target, 0, 0, 1 << 20);
    expect(p0.map((m) => m.key?.toString())).toEqual(["k2"]);
    expect(await prisma.auditRecord.count({ where: { action: "message.copy", target: `3 message(s) from ${source} to ${target}` } })).toBe(1);
  });

  it("refuses a target that does not exist, and a read-only cluster", async () => {
    const refs = [{ partition: 0, offset: "0" }];
    expect(await copyMessagesAction({ clusterId: cluster.id, topic: source, refs, target: unique("nowhere") })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const ro = await makeCluster({ readOnly: true });
    expect(await copyMessagesAction({ clusterId: ro.id, topic: source, refs, target })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
  });
});
