import { describe, expect, it } from "vitest";
import { GET as getGroups } from "@/app/api/clusters/[id]/topics/[topic]/groups/route";
import { GET as getTopic } from "@/app/api/clusters/[id]/topics/[topic]/route";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction, deleteTopicAction } from "@/server/actions/topic-actions";
import { adminFor } from "@/server/kafka/client-registry";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";

type Cluster = Awaited<ReturnType<typeof makeCluster>>;

/**
 * Makes the cluster's shared kafkajs admin track a topic (by reading its offsets through the detail route),
 * then deletes that topic with another client: from then on that admin fails most requests with
 * UNKNOWN_TOPIC_OR_PARTITION until it is replaced.
 */
async function trackDeletedTopic(c: Cluster) {
  const gone = unique("gone");
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic: gone }] }));
  expect((await callRoute(getTopic, `/api/clusters/${c.id}/topics/${gone}`, { id: c.id, topic: gone })).status).toBe(200);
  await withAdmin((a) => a.deleteTopics({ topics: [gone] }));
  await expect.poll(async () => (await withAdmin((a) => a.listTopics())).includes(gone), { timeout: 10_000, interval: 250 }).toBe(false);
  return adminFor(c);
}

describe("topic operations after another client deleted a topic the shared admin had read", () => {
  const operations: [string, (c: Cluster, topic: string) => Promise<unknown>][] = [
    ["detail", async (c, topic) => expect((await callRoute(getTopic, `/api/clusters/${c.id}/topics/${topic}`, { id: c.id, topic })).status).toBe(200)],
    ["consumer groups", async (c, topic) => expect((await callRoute(getGroups, `/api/clusters/${c.id}/topics/${topic}/groups`, { id: c.id, topic })).status).toBe(200)],
    ["config change", async (c, topic) => expect(await alterTopicConfigAction({ clusterId: c.id, topic, set: { "retention.ms": "60000" } })).toMatchObject({ ok: true })],
    ["add partitions", async (c, topic) => expect(await addPartitionsAction({ clusterId: c.id, topic, partitions: 2 })).toMatchObject({ ok: true })],
    ["delete", async (c, topic) => expect(await deleteTopicAction({ clusterId: c.id, topic, confirmName: topic })).toMatchObject({ ok: true })],
    ["create", async (c) => expect(await createTopicAction({ clusterId: c.id, name: unique("fresh"), partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true })],
  ];

  for (const [what, run] of operations) {
    it(`${what} still works, on a new admin`, async () => {
      const c = await makeCluster();
      const topic = unique("stays");
      await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic }] }));
      const stale = await trackDeletedTopic(c);
      await run(c, topic);
      expect(await adminFor(c)).not.toBe(stale);
    });
  }

  it("leaves the admin alone when nothing is wrong", async () => {
    const c = await makeCluster();
    const topic = unique("calm");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic }] }));
    const admin = await adminFor(c);
    expect((await callRoute(getTopic, `/api/clusters/${c.id}/topics/${topic}`, { id: c.id, topic })).status).toBe(200);
    expect((await callRoute(getTopic, `/api/clusters/${c.id}/topics/${unique("missing")}`, { id: c.id, topic: unique("missing") })).status).toBe(404);
    expect(await adminFor(c)).toBe(admin);
  });
});
