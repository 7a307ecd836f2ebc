// Deleting a topic's records up to a point, against the real broker: previewed first, run only with the name
// typed back, what it reports is what Kafka did, and a compacted-only topic is refused before Kafka is asked.
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteRecordsAction, previewDeleteRecordsAction } from "@/server/actions/topic-actions";
import { prisma } from "@/server/db/prisma";
import type { Cluster } from "@/prisma/generated/client";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";

let cluster: Cluster;
const T0 = Date.UTC(2026, 0, 1);

async function topicWith(counts: number[], configs: { name: string; value: string }[] = []) {
  const topic = unique("purge");
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: counts.length, configEntries: configs }] }));
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: counts.flatMap((n, partition) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition, timestamp: String(T0 + i * 1000) }))),
  });
  await producer.disconnect();
  return topic;
}
const lows = async (topic: string) => (await withAdmin((a) => a.fetchTopicOffsets(topic))).sort((a, b) => a.partition - b.partition).map((o) => Number(o.low));

beforeAll(async () => {
  cluster = await makeCluster();
});

describe("deleting records", () => {
  it("previews, refuses without the name, then deletes before an offset exactly as previewed", async () => {
    const topic = await topicWith([10, 4]);
    const req = { clusterId: cluster.id, topic, mode: "before-offset" as const, offset: 6 };
    const preview = await previewDeleteRecordsAction(req);
    expect(preview).toMatchObject({ ok: true, data: { deleted: 0 } });
    if (!preview.ok) return;
    expect(preview.data.partitions.map((p) => [p.partition, p.newLow, p.removes])).toEqual([
      [0, 6, 6],
      [1, 4, 4],
    ]);
    expect(await lows(topic)).toEqual([0, 0]);

    expect(await deleteRecordsAction({ ...req, confirmName: "nope" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { confirmName: expect.any(String) } } });
    expect(await lows(topic)).toEqual([0, 0]);

    expect(await deleteRecordsAction({ ...req, confirmName: topic })).toMatchObject({ ok: true, data: { deleted: 10 } });
    expect(await lows(topic)).toEqual([6, 4]);
    const audit = await prisma.auditRecord.findFirst({ where: { action: "topic.delete-records", outcome: "succeeded", target: { startsWith: topic } } });
    expect(audit?.target).toBe(`${topic}: records before offset 6: 10 records from 2 partitions`);
  });

  it("deletes records older than a time, and everything in chosen partitions", async () => {
    const topic = await topicWith([5, 5]);
    expect(await deleteRecordsAction({ clusterId: cluster.id, topic, mode: "before-time", timestamp: T0 + 3000, confirmName: topic })).toMatchObject({ ok: true, data: { deleted: 6 } });
    expect(await lows(topic)).toEqual([3, 3]);
    expect(await deleteRecordsAction({ clusterId: cluster.id, topic, mode: "all", partitions: [1], confirmName: topic })).toMatchObject({ ok: true, data: { deleted: 2 } });
    expect(await lows(topic)).toEqual([3, 5]);
  });

  it("refuses a compacted-only topic and a read-only cluster before Kafka is asked", async () => {
    const compacted = await topicWith([2], [{ name: "cleanup.policy", value: "compact" }]);
    expect(await previewDeleteRecordsAction({ clusterId: cluster.id, topic: compacted, mode: "all" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("compacted only") } });
    const ro = await makeCluster({ readOnly: true });
    expect(await deleteRecordsAction({ clusterId: ro.id, topic: compacted, mode: "all", confirmName: compacted })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
  });
});
