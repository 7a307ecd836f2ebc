import { ConfigResourceTypes } from "kafkajs";
import { describe, expect, it } from "vitest";
import { GET as listTopics } from "@/app/api/clusters/[id]/topics/route";
import type { TopicPage } from "@/lib/clusters/topic-summary";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction, deleteTopicAction } from "@/server/actions/topic-actions";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";
import { describeTopic } from "./describe-topic";

/** The topic's dynamic overrides, as an independent client sees them. */
const overridesOf = (topic: string) =>
  withAdmin(async (a) => {
    const r = await a.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(r.resources[0].configEntries.filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]));
  });
const partitionsOf = async (topic: string) => (await withAdmin((a) => a.fetchTopicMetadata({ topics: [topic] }))).topics[0].partitions.length;
const topicExists = async (topic: string) => (await withAdmin((a) => a.listTopics())).includes(topic);

describe("topic changes against the real broker", () => {
  it("sets a config override, then resets it to default, and the other overrides survive both", async () => {
    const c = await makeCluster();
    const topic = unique("cfg");
    const created = await createTopicAction({
      clusterId: c.id,
      name: topic,
      partitions: 1,
      replicationFactor: 1,
      configs: { "cleanup.policy": "compact", "max.message.bytes": "2000000" },
    });
    expect(created).toEqual({ ok: true, data: { name: topic } });

    const set = await alterTopicConfigAction({ clusterId: c.id, topic, set: { "retention.ms": "3600000" } });
    expect(set).toEqual({
      ok: true,
      data: { topic, changed: ["retention.ms"], before: { "retention.ms": null }, overrides: { "cleanup.policy": "compact", "max.message.bytes": "2000000", "retention.ms": "3600000" } },
    });
    expect(await overridesOf(topic)).toEqual({ "cleanup.policy": "compact", "max.message.bytes": "2000000", "retention.ms": "3600000" });
    const shown = (await describeTopic(c, topic)).configs.find((x) => x.name === "retention.ms");
    expect(shown).toMatchObject({ value: "3600000", isOverride: true, defaultValue: expect.any(String) });

    const reset = await alterTopicConfigAction({ clusterId: c.id, topic, remove: ["retention.ms"] });
    expect(reset).toMatchObject({ ok: true, data: { changed: ["retention.ms"] } });
    expect(await overridesOf(topic)).toEqual({ "cleanup.policy": "compact", "max.message.bytes": "2000000" });
    const after = (await describeTopic(c, topic)).configs.find((x) => x.name === "retention.ms");
    expect(after).toMatchObject({ isOverride: false, value: shown!.defaultValue });

    // Changing one and resetting another in one go.
    expect(await alterTopicConfigAction({ clusterId: c.id, topic, set: { "max.message.bytes": "3000000" }, remove: ["cleanup.policy"] })).toMatchObject({ ok: true });
    expect(await overridesOf(topic)).toEqual({ "max.message.bytes": "3000000" });
  });

  it("refuses invalid config values and unknown keys before Kafka is asked", async () => {
    const c = await makeCluster();
    const topic = unique("cfg-bad");
    await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1, configs: { "retention.ms": "60000" } });
    const bad = await alterTopicConfigAction({ clusterId: c.id, topic, set: { "retention.ms": "-5" } });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("retention.ms must be at least -1"), fieldErrors: { "set.retention.ms": expect.any(String) } } });
    expect(await alterTopicConfigAction({ clusterId: c.id, topic, set: { "no.such.config": "1" } })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await overridesOf(topic)).toEqual({ "retention.ms": "60000" });
    expect(await alterTopicConfigAction({ clusterId: c.id, topic: unique("missing"), set: { "retention.ms": "1" } })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("refuses config changes on a read-only cluster", async () => {
    const rw = await makeCluster();
    const ro = await makeCluster({ readOnly: true });
    const topic = unique("cfg-ro");
    await createTopicAction({ clusterId: rw.id, name: topic, partitions: 1, replicationFactor: 1 });
    expect(await alterTopicConfigAction({ clusterId: ro.id, topic, set: { "retention.ms": "1000" } })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    expect(await overridesOf(topic)).toEqual({});
  });

  it("adds partitions and keeps the messages; refuses a decrease or the same count", async () => {
    const c = await makeCluster();
    const topic = unique("parts");
    await createTopicAction({ clusterId: c.id, name: topic, partitions: 2, replicationFactor: 1 });
    await produce(topic, 1, 5);
    // Read once before, as the page does: the shared admin then has the topic's old partitions in its metadata.
    expect((await describeTopic(c, topic)).partitions.map((p) => p.high)).toEqual([0, 5]);

    expect(await addPartitionsAction({ clusterId: c.id, topic, partitions: 4 })).toEqual({ ok: true, data: { topic, from: 2, partitions: 4 } });
    expect(await partitionsOf(topic)).toBe(4);
    const detail = await describeTopic(c, topic);
    expect(detail.partitions.map((p) => p.high), detail.offsetsError ?? "").toEqual([0, 5, 0, 0]);
    expect(detail.partitions.every((p) => p.leader !== null)).toBe(true);

    const decrease = await addPartitionsAction({ clusterId: c.id, topic, partitions: 3 });
    expect(decrease).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("Kafka cannot remove partitions"), fieldErrors: { partitions: "More than 4" } } });
    expect(await addPartitionsAction({ clusterId: c.id, topic, partitions: 4 })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await partitionsOf(topic)).toBe(4);

    const ro = await makeCluster({ readOnly: true });
    expect(await addPartitionsAction({ clusterId: ro.id, topic, partitions: 6 })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    expect(await addPartitionsAction({ clusterId: c.id, topic: "__consumer_offsets", partitions: 1000 })).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("internal") } });
    expect(await partitionsOf(topic)).toBe(4);
  });

  it("deletes a topic only with its name typed back, never on a read-only cluster, never an internal topic", async () => {
    const c = await makeCluster();
    const ro = await makeCluster({ readOnly: true });
    const topic = unique("doomed.topic_x");
    await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1 });

    const wrong = await deleteTopicAction({ clusterId: c.id, topic, confirmName: topic.toUpperCase() });
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { confirmName: expect.any(String) } } });
    expect(await deleteTopicAction({ clusterId: c.id, topic } as never)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await deleteTopicAction({ clusterId: ro.id, topic, confirmName: topic })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    expect(await topicExists(topic)).toBe(true);

    const internal = await deleteTopicAction({ clusterId: c.id, topic: "__consumer_offsets", confirmName: "__consumer_offsets" });
    expect(internal).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("internal topic") } });

    expect(await deleteTopicAction({ clusterId: c.id, topic, confirmName: topic })).toEqual({ ok: true, data: { topic } });
    expect(await topicExists(topic)).toBe(false);
    expect(await deleteTopicAction({ clusterId: c.id, topic, confirmName: topic })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("creates a topic with validated configs, and refuses a bad value before Kafka is asked", async () => {
    const c = await makeCluster();
    const name = unique("created");
    const bad = await createTopicAction({ clusterId: c.id, name, partitions: 1, replicationFactor: 1, configs: { "compression.type": "brotli" } });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { "configs.compression.type": expect.stringContaining("one of") } } });
    expect(await topicExists(name)).toBe(false);
  });

  it("refuses, before Kafka is asked, what Kafka would refuse: '.'/'_' collisions, too few brokers, min.insync.replicas above the replicas", async () => {
    const c = await makeCluster();
    const base = unique("coll").replace(/-/g, "_");
    expect(await createTopicAction({ clusterId: c.id, name: `${base}.a`, partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true });
    const collision = await createTopicAction({ clusterId: c.id, name: `${base}_a`, partitions: 1, replicationFactor: 1 });
    expect(collision).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining(`collides with "${base}.a"`), fieldErrors: { name: expect.any(String) } } });
    const rf = await createTopicAction({ clusterId: c.id, name: `${base}_rf`, partitions: 1, replicationFactor: 3 });
    expect(rf).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { replicationFactor: "Replication factor 3 needs at least 3 brokers; the cluster has 1" } } });
    const isr = await createTopicAction({ clusterId: c.id, name: `${base}_isr`, partitions: 1, replicationFactor: 1, configs: { "min.insync.replicas": "2" } });
    expect(isr).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { "configs.min.insync.replicas": expect.stringContaining("more than the replication factor 1") } } });
    for (const n of [`${base}_a`, `${base}_rf`, `${base}_isr`]) expect(await topicExists(n)).toBe(false);
  });

  it("shows a created, grown or deleted topic in the (cached) topic list right away", async () => {
    const c = await makeCluster();
    const topic = unique("listed");
    const list = async () =>
      (await callRoute<TopicPage>(listTopics, `/api/clusters/${c.id}/topics?q=${topic}`, { id: c.id })).body.topics.find((t) => t.name === topic);
    expect(await list()).toBeUndefined();
    await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1 });
    expect(await list()).toMatchObject({ partitions: 1 });
    await addPartitionsAction({ clusterId: c.id, topic, partitions: 3 });
    expect(await list()).toMatchObject({ partitions: 3 });
    await deleteTopicAction({ clusterId: c.id, topic, confirmName: topic });
    expect(await list()).toBeUndefined();
  });
});
