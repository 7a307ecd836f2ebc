// Offset reset against the real broker: offsets asked for outside a partition's range are moved into it with a note,
// and a reset of 12 partitions is quick (one OffsetCommit, not a consumer joining the group).
import { Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { lagState } from "./lag-sampler";

/** A topic with `partitions` partitions of 10 messages each. */
async function topicOf(partitions: number): Promise<string> {
  const topic = unique("reset");
  await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true }));
  const producer = new Kafka({ clientId: "reset-test", brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: Array.from({ length: partitions * 10 }, (_, i) => ({ partition: i % partitions, value: `m${i}` })) });
  } finally {
    await producer.disconnect();
  }
  return topic;
}

describe("offset reset feedback", () => {
  it("notes each offset moved into its partition's range, and resets 12 partitions in well under 2 s", async () => {
    const c = await makeCluster();
    const topic = await topicOf(12);
    const group = unique("reset-group");
    await withAdmin(async (a) => {
      await a.fetchTopicMetadata({ topics: [topic] });
      await a.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "4" }] });
    });

    const started = Date.now();
    const preview = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "offset", offset: 2 });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.data.rows[0]).toEqual({
      partition: 0,
      current: null,
      newOffset: 4,
      start: 4,
      end: 10,
      requested: 2,
      clamped: "start",
      note: "Offset 2 is below partition 0's log start (4; retention deleted what was before it): set to 4.",
    });
    expect(preview.data.rows.slice(1).every((r) => r.newOffset === 2 && r.clamped === null && r.note === null)).toBe(true);
    expect(preview.data.clampNote).toBe("1 of 12 partitions could not take the offset asked for and was moved into range: 1 to the log start.");

    const reset = await resetGroupOffsetsAction({ clusterId: c.id, groupId: group, topic, offsets: preview.data.rows.map((r) => ({ partition: r.partition, offset: r.newOffset })) });
    const tookMs = Date.now() - started;
    expect(reset).toMatchObject({ ok: true, data: { reset: 12 } });
    // kafkajs' setOffsets took about 5 s here; a commit to the coordinator takes tens of milliseconds.
    expect(tookMs).toBeLessThan(2000);
    const committed = (await withAdmin((a) => a.fetchOffsets({ groupId: group, topics: [topic] })))[0].partitions;
    expect(committed.map((p) => [p.partition, Number(p.offset)]).sort((a, b) => a[0] - b[0])).toEqual(Array.from({ length: 12 }, (_, p) => [p, p === 0 ? 4 : 2]));
    // A sample after the reset follows on its own: the page shows the new offsets.
    await expect
      .poll(() => lagState(c.id)?.latest.groups.find((g) => g.groupId === group)?.partitions.map((p) => p.committed), { timeout: 15_000 })
      .toEqual(Array.from({ length: 12 }, (_, p) => (p === 0 ? 4 : 2)));

    const past = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "offset", offset: 15 });
    expect(past.ok && past.data.rows.map((r) => [r.newOffset, r.clamped])).toEqual(Array.from({ length: 12 }, () => [10, "end"]));
    expect(past.ok && past.data.rows[3].note).toBe("Offset 15 is past partition 3's end (10): set to 10.");
    expect(past.ok && past.data.clampNote).toBe("12 of 12 partitions could not take the offset asked for and were moved into range: 12 to the end.");
  }, 60_000);
});

describe("deleting a consumer group", () => {
  it("needs the id typed back, refuses a group with members, deletes an empty one with its offsets", async () => {
    const { Kafka, logLevel } = await import("kafkajs");
    const { deleteConsumerGroupAction } = await import("@/server/actions/offset-actions");
    const { brokers, makeCluster, unique, withAdmin } = await import("@/server/test-support/fixtures");
    const c = await makeCluster();
    const topic = unique("del-group");
    const groupId = unique("doomed");
    await withAdmin(async (a) => {
      await a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
      await a.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "0" }] });
    });
    expect(await deleteConsumerGroupAction({ clusterId: c.id, groupId, confirmName: "nope" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });

    const active = unique("busy");
    const consumer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).consumer({ groupId: active });
    await consumer.connect();
    await consumer.subscribe({ topic });
    await consumer.run({ eachMessage: async () => {} });
    try {
      await withAdmin(async (a) => {
        for (let i = 0; i < 50 && (await a.describeGroups([active])).groups[0].members.length === 0; i++) await new Promise((r) => setTimeout(r, 200));
      });
      expect(await deleteConsumerGroupAction({ clusterId: c.id, groupId: active, confirmName: active })).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("stop its consumers first") } });
    } finally {
      await consumer.disconnect();
    }

    expect(await deleteConsumerGroupAction({ clusterId: c.id, groupId, confirmName: groupId })).toMatchObject({ ok: true, data: { groupId } });
    expect((await withAdmin((a) => a.listGroups())).groups.map((g) => g.groupId)).not.toContain(groupId);
    expect(await deleteConsumerGroupAction({ clusterId: c.id, groupId, confirmName: groupId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  }, 60_000);
});
