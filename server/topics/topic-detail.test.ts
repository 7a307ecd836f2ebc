import { ConfigResourceTypes } from "kafkajs";
import { describe, expect, it } from "vitest";
import { GET as getGroups } from "@/app/api/clusters/[id]/topics/[topic]/groups/route";
import { GET as getTopic } from "@/app/api/clusters/[id]/topics/[topic]/route";
import type { TopicConsumerGroups } from "@/lib/topics/consumer-lag";
import type { TopicDetail } from "@/lib/topics/topic-detail";
import { createTopicAction } from "@/server/actions/topic-actions";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";

const detail = (clusterId: string, topic: string) =>
  callRoute<TopicDetail>(getTopic, `/api/clusters/${clusterId}/topics/${encodeURIComponent(topic)}`, { id: clusterId, topic });
const groups = (clusterId: string, topic: string) =>
  callRoute<TopicConsumerGroups>(getGroups, `/api/clusters/${clusterId}/topics/${encodeURIComponent(topic)}/groups`, { id: clusterId, topic });

describe("topic detail against the real broker", () => {
  it("shows partitions with leader, replicas, in-sync replicas and start/end offsets after producing", async () => {
    const c = await makeCluster({ readOnly: true }); // reads work on a read-only cluster
    const topic = unique("detail.orders_v1");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, configEntries: [{ name: "retention.ms", value: "3600000" }] }] }));
    await produce(topic, 0, 10);
    await produce(topic, 2, 4);

    const { status, body } = await detail(c.id, topic);
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: topic, internal: false, replicationFactor: 1, messages: 14, offsetsError: null });
    expect(body.partitions.map((p) => [p.partition, p.low, p.high])).toEqual([
      [0, 0, 10],
      [1, 0, 0],
      [2, 0, 4],
    ]);
    for (const p of body.partitions) {
      expect(p.leader).toEqual(expect.any(Number));
      expect(p.replicas).toEqual([p.leader]);
      expect(p.isr).toEqual([p.leader]);
      expect(p.offlineReplicas).toEqual([]);
      expect(p.underReplicated).toBe(false);
    }
    const retention = body.configs.find((x) => x.name === "retention.ms");
    expect(retention).toMatchObject({ value: "3600000", isOverride: true, source: "topic override", defaultValue: expect.any(String), editable: true });
    expect(retention?.defaultValue).not.toBe("3600000");
    expect(body.configs.find((x) => x.name === "cleanup.policy")).toMatchObject({ isOverride: false, value: "delete", defaultValue: "delete" });
  });

  it("answers 404 for a topic that does not exist and 400 for an illegal name", async () => {
    const c = await makeCluster();
    const missing = await detail(c.id, unique("missing"));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "NOT_FOUND", message: expect.stringContaining("does not exist") } });
    expect((await groups(c.id, unique("missing"))).status).toBe(404);
    expect((await detail(c.id, "bad name!")).status).toBe(400);
  });

  it("lists the consumer groups with committed offsets on the topic, with their lag", async () => {
    const c = await makeCluster();
    const topic = unique("lag");
    const other = unique("lag-other");
    expect(await createTopicAction({ clusterId: c.id, name: topic, partitions: 2, replicationFactor: 1 })).toMatchObject({ ok: true });
    expect(await createTopicAction({ clusterId: c.id, name: other, partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true });
    await produce(topic, 0, 10);
    await produce(topic, 1, 4);
    const reader = unique("reader");
    const elsewhere = unique("elsewhere");
    // kafkajs' setOffsets joins the group briefly (seconds each): both at once.
    await withAdmin((a) =>
      Promise.all([
        a.setOffsets({ groupId: reader, topic, partitions: [{ partition: 0, offset: "3" }, { partition: 1, offset: "4" }] }),
        a.setOffsets({ groupId: elsewhere, topic: other, partitions: [{ partition: 0, offset: "0" }] }),
      ]),
    );

    const { status, body } = await groups(c.id, topic);
    expect(status).toBe(200);
    expect(body.groups.map((g) => g.groupId)).toContain(reader);
    expect(body.groups.map((g) => g.groupId)).not.toContain(elsewhere);
    expect(body.groups.find((g) => g.groupId === reader)).toEqual({
      groupId: reader,
      state: "Empty",
      members: 0,
      totalLag: 7,
      partitions: [
        { partition: 0, committed: 3, high: 10, lag: 7 },
        { partition: 1, committed: 4, high: 4, lag: 0 },
      ],
    });

    // More messages: more lag on the next read.
    await produce(topic, 1, 5);
    expect((await groups(c.id, topic)).body.groups.find((g) => g.groupId === reader)?.totalLag).toBe(12);
  });

  it("reads an internal topic's configs through the same route", async () => {
    const c = await makeCluster();
    // A first committed offset makes sure Kafka has created __consumer_offsets.
    const topic = unique("internal-probe");
    await withAdmin(async (a) => {
      await a.createTopics({ waitForLeaders: true, topics: [{ topic }] });
      await a.setOffsets({ groupId: unique("probe"), topic, partitions: [{ partition: 0, offset: "0" }] });
    });
    const { status, body } = await detail(c.id, "__consumer_offsets");
    expect(status).toBe(200);
    expect(body.internal).toBe(true);
    const cleanup = body.configs.find((x) => x.name === "cleanup.policy");
    expect(cleanup).toMatchObject({ value: "compact" });
    // An independent client agrees on what is an override.
    const overrides = await withAdmin(async (a) => {
      const r = await a.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: "__consumer_offsets" }] });
      return r.resources[0].configEntries.filter((e) => e.configSource === 1).map((e) => e.configName).sort();
    });
    expect(body.configs.filter((x) => x.isOverride).map((x) => x.name).sort()).toEqual(overrides);
  });
});
