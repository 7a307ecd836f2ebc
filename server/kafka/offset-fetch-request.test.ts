import { describe, expect, it } from "vitest";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { rawClusterFor } from "./client-registry";
import { canFetchOffsetsInBatches, fetchOffsetsOfGroups } from "./offset-fetch-request";

type CoordinatorBroker = {
  offsetCommit(req: { groupId: string; groupGenerationId: number; memberId: string; topics: { topic: string; partitions: { partition: number; offset: string }[] }[] }): Promise<unknown>;
};

describe("OffsetFetch for many groups in one request, against the real broker", () => {
  it("gives each group's committed offsets (and none for a group that committed none)", async () => {
    const c = await makeCluster();
    const topic = unique("offsets");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] }));
    const raw = (await rawClusterFor(c)) as unknown as { findGroupCoordinator(q: { groupId: string }): Promise<CoordinatorBroker> };
    const groups = [unique("g-a"), unique("g-b"), unique("g-c")];
    for (const [i, groupId] of groups.entries()) {
      const coordinator = await raw.findGroupCoordinator({ groupId });
      await coordinator.offsetCommit({
        groupId,
        groupGenerationId: -1,
        memberId: "",
        topics: [{ topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: String(i * 10 + partition) })) }],
      });
    }
    const nothing = unique("g-none");
    // A single broker coordinates every group here.
    const broker = await raw.findGroupCoordinator({ groupId: groups[0] });
    expect(canFetchOffsetsInBatches(broker)).toBe(true);
    const answer = await fetchOffsetsOfGroups(broker, [...groups, nothing]);
    expect(answer.map((g) => g.groupId)).toEqual([...groups, nothing]);
    for (const [i, g] of answer.slice(0, 3).entries()) {
      expect(g.errorCode).toBe(0);
      const t = g.topics.find((x) => x.topic === topic);
      expect(t?.partitions.sort((a, b) => a.partition - b.partition)).toEqual([0, 1, 2].map((partition) => ({ partition, offset: String(i * 10 + partition) })));
    }
    expect(answer[3]).toEqual({ groupId: nothing, errorCode: 0, topics: [] });
  });
});
