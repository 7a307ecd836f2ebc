import "server-only";
import type { TopicPage, TopicQuery } from "@/lib/clusters/topic-summary";
import type { LagSnapshot } from "@/lib/groups/lag-types";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { fetchLagSnapshot } from "@/server/groups/fetch-lag-snapshot";
import { fetchPartitionOffsets } from "@/server/groups/fetch-partition-offsets";
import { lagState } from "@/server/groups/lag-sampler";
import { cachedTopics } from "../kafka/topic-metadata-cache";
import { withTimeout } from "../kafka/with-timeout";

// Which groups read which topic changes slowly: keep the index a while (served while a newer one is made).
const GROUPS_TTL_MS = 30_000;

const g = globalThis as unknown as { topiaryTopicGroups?: Map<string, { at: number; index: Promise<Map<string, string[]>> }> };
const groupCache = (g.topiaryTopicGroups ??= new Map());

/** topic → consumer groups that read it (members' assignments and committed offsets), from a lag snapshot. */
function indexGroups(snapshot: LagSnapshot): Map<string, string[]> {
  const byTopic = new Map<string, string[]>();
  for (const grp of snapshot.groups) {
    let last = "";
    for (const p of grp.partitions) {
      // Partitions are sorted by topic: one entry per group and topic.
      if (p.topic === last) continue;
      last = p.topic;
      const list = byTopic.get(p.topic);
      if (list) list.push(grp.groupId);
      else byTopic.set(p.topic, [grp.groupId]);
    }
  }
  for (const list of byTopic.values()) list.sort();
  return byTopic;
}

/**
 * The topic → groups index: from the lag sampler's latest sample when it is recent (no Kafka request at all),
 * else from a snapshot of our own (the sampler's function: one OffsetFetch per group to its coordinator, which
 * 20,000 groups answer in seconds). An old index is served while the next is made.
 */
function groupIndex(cluster: Cluster): Promise<Map<string, string[]>> {
  const sampled = lagState(cluster.id)?.latest;
  if (sampled && Date.now() - sampled.takenAt < GROUPS_TTL_MS) {
    const hit = groupCache.get(cluster.id);
    if (hit && hit.at === sampled.takenAt) return hit.index;
    const index = Promise.resolve(indexGroups(sampled));
    groupCache.set(cluster.id, { at: sampled.takenAt, index });
    return index;
  }
  const hit = groupCache.get(cluster.id);
  if (hit && Date.now() - hit.at < GROUPS_TTL_MS) return hit.index;
  const at = Date.now();
  const index = fetchLagSnapshot(cluster).then(indexGroups);
  const entry = { at, index };
  index.then(
    () => groupCache.set(cluster.id, entry),
    () => {
      if (groupCache.get(cluster.id) === entry) groupCache.delete(cluster.id);
    },
  );
  if (hit) {
    // Served while the new one is made (keeps its time: the next read does not start another).
    hit.at = at;
    return hit.index;
  }
  groupCache.set(cluster.id, entry);
  return index;
}

/**
 * One page of the topic list: searched, sorted and paged on the server from the cached topic index (refreshed
 * in the background, server/kafka/topic-metadata-cache.ts); only the page's rows get their message counts (two
 * ListOffsets per leader broker for all of them) and consumer groups, so 50,000 topics cost no more than 50.
 */
export async function listTopicSummaries(cluster: Cluster, q: TopicQuery, opts: { details?: boolean } = {}): Promise<TopicPage> {
  const details = opts.details ?? true;
  return withTimeout(
    (async () => {
      const topics = await cachedTopics(cluster);
      const page = topics.query(q);
      if (!details || !page.topics.length) return page;
      const pageMeta = page.topics.map((t) => topics.get(t.name)).filter((t) => t !== undefined);
      const [offsets, groups] = await Promise.all([
        fetchPartitionOffsets(cluster, pageMeta, new Set(page.topics.map((t) => t.name))).catch(() => null),
        groupIndex(cluster).catch(() => null),
      ]);
      for (const t of page.topics) {
        const ends = offsets?.ends[t.name];
        const starts = offsets?.starts[t.name];
        let count: number | null = ends ? 0 : null;
        for (const [p, end] of Object.entries(ends ?? {})) {
          const start = starts?.[Number(p)];
          if (count === null || end === null || start === null || start === undefined) {
            count = null;
            break;
          }
          count += Math.max(0, end - start);
        }
        t.messages = count;
        t.groups = groups ? (groups.get(t.name) ?? []) : null;
      }
      return page;
    })(),
    kafkaRequestTimeoutMs() + 4000,
    "listing topics",
  );
}
