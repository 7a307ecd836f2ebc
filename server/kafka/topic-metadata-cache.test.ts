// kafkajs' connection pool: every request any client in this process sends to a broker goes through its send().
// @ts-expect-error kafkajs ships no types for its internals
import ConnectionPool from "kafkajs/src/network/connectionPool.js";
import { describe, expect, it, vi } from "vitest";
import { GET as listTopicsRoute } from "@/app/api/clusters/[id]/topics/route";
import type { TopicPage, TopicQuery } from "@/lib/clusters/topic-summary";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { listTopicSummaries } from "@/server/topics/list-topic-summaries";
import { refreshTopicMetadata, topicCacheStats } from "./topic-metadata-cache";

const query = (q: string, page = 0): TopicQuery => ({ q, regex: false, includeInternal: false, sort: "name", desc: false, page, pageSize: 5 });

describe("the topic metadata cache against the real broker", () => {
  it("shows a topic created or deleted by another client after one refresh: one Metadata request, only that row rebuilt, none per page", async () => {
    const c = await makeCluster();
    let metadataRequests = 0;
    const original = ConnectionPool.prototype.send;
    const spy = vi.spyOn(ConnectionPool.prototype, "send").mockImplementation(function (this: unknown, ...args: { request: { apiName: string } }[]) {
      if (args[0]?.request?.apiName === "Metadata") metadataRequests++;
      return original.apply(this, args);
    });
    try {
      const prefix = unique("cache");
      const topic = `${prefix}-elsewhere`;
      const names = async (q: string) => (await listTopicSummaries(c, query(q), { details: false })).topics.map((t) => t.name);

      expect(await names(prefix)).toEqual([]); // the first read fills the cache
      expect(topicCacheStats(c.id)?.refreshes).toBe(1);

      // Pages, searches and sorts are read from the cache: no Metadata request.
      metadataRequests = 0;
      for (let page = 0; page < 5; page++) await listTopicSummaries(c, query("", page), { details: false });
      await listTopicSummaries(c, { ...query(""), sort: "partitions", desc: true }, { details: false });
      expect(metadataRequests).toBe(0);

      // Created by another client: in the cache after one refresh, which is one Metadata request.
      await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] }));
      metadataRequests = 0;
      const afterCreate = await refreshTopicMetadata(c);
      expect(metadataRequests).toBe(1);
      expect(afterCreate.last?.added).toBeGreaterThanOrEqual(1);
      // Only what is new or changed is summarized again (other tests may create topics on the broker meanwhile).
      expect(afterCreate.last?.rebuilt).toBeLessThan(afterCreate.last!.topics);
      expect((await listTopicSummaries(c, query(prefix), { details: false })).topics).toEqual([
        { name: topic, partitions: 2, replicationFactor: 1, underReplicated: 0, internal: false },
      ]);
      expect(metadataRequests).toBe(1);
      // The route adds the page's message counts and groups to the cached rows.
      const routed = await callRoute<TopicPage>(listTopicsRoute, `/api/clusters/${c.id}/topics?q=${prefix}`, { id: c.id });
      expect(routed.body.topics).toEqual([{ name: topic, partitions: 2, replicationFactor: 1, underReplicated: 0, internal: false, messages: 0, groups: [] }]);

      // Deleted by another client: gone after one refresh.
      await withAdmin(async (a) => {
        await a.deleteTopics({ topics: [topic] });
        for (let i = 0; i < 50 && (await a.listTopics()).includes(topic); i++) await new Promise((r) => setTimeout(r, 100));
      });
      metadataRequests = 0;
      const afterDelete = await refreshTopicMetadata(c);
      expect(metadataRequests).toBe(1);
      expect(afterDelete.last?.removed).toBeGreaterThanOrEqual(1);
      expect(await names(prefix)).toEqual([]);
      expect(metadataRequests).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
