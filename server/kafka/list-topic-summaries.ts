import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { AssignerProtocol, type Admin } from "kafkajs";
import { queryTopics, type TopicPage, type TopicQuery } from "@/lib/clusters/topic-summary";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { getAdmin } from "./client-registry";
import { cachedTopicMetadata } from "./topic-metadata-cache";
import { withTimeout } from "./with-timeout";

// Which groups read which topic changes slowly: keep the index a while.
const GROUPS_TTL_MS = 30_000;
const OFFSET_CONCURRENCY = 16;
const GROUP_CONCURRENCY = 8;

const g = globalThis as unknown as { topiaryTopicGroups?: Map<string, { at: number; index: Promise<Map<string, string[]>> }> };
const groupCache = (g.topiaryTopicGroups ??= new Map());

/** topic → consumer groups that read it (members' assignments, and committed offsets of consumer groups). */
function groupIndex(cluster: Cluster, admin: Admin): Promise<Map<string, string[]>> {
  const hit = groupCache.get(cluster.id);
  if (hit && Date.now() - hit.at < GROUPS_TTL_MS) return hit.index;
  const index = (async () => {
    const groups = (await admin.listGroups()).groups.filter((x) => x.protocolType === "consumer" || x.protocolType === "").map((x) => x.groupId);
    const byTopic = new Map<string, Set<string>>();
    const add = (topic: string, group: string) => (byTopic.get(topic) ?? byTopic.set(topic, new Set()).get(topic)!).add(group);
    if (groups.length) {
      for (const d of (await admin.describeGroups(groups)).groups) {
        for (const m of d.members) {
          try {
            for (const t of Object.keys(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {})) add(t, d.groupId);
          } catch {
            // Not a consumer-protocol assignment.
          }
        }
      }
      await mapLimit(groups, GROUP_CONCURRENCY, async (groupId) => {
        for (const t of await admin.fetchOffsets({ groupId })) if (t.partitions.some((p) => Number(p.offset) >= 0)) add(t.topic, groupId);
      });
    }
    return new Map([...byTopic].map(([t, s]) => [t, [...s].sort()]));
  })();
  index.catch(() => groupCache.delete(cluster.id));
  groupCache.set(cluster.id, { at: Date.now(), index });
  return index;
}

/**
 * One page of the topic list: searched, sorted and paged on the server; only the page's rows get their
 * message counts (ListOffsets) and consumer groups, so 5,000 topics cost no more than 50.
 */
export async function listTopicSummaries(cluster: Cluster, q: TopicQuery, opts: { details?: boolean } = {}): Promise<TopicPage> {
  const details = opts.details ?? true;
  return withTimeout(
    (async () => {
      const admin = await getAdmin(cluster.id, toConnection(cluster));
      // Without details (the server-rendered first rows) a slightly old topic list is fine: it is refreshed at once.
      const page = queryTopics(await cachedTopicMetadata(cluster.id, admin, { allowStale: !details }), q);
      if (!details) return page;
      const [counts, groups] = await Promise.all([
        mapLimit(page.topics, OFFSET_CONCURRENCY, async (t) => {
          try {
            const offsets = await admin.fetchTopicOffsets(t.name);
            return offsets.reduce((sum, o) => sum + Math.max(0, Number(o.high) - Number(o.low)), 0);
          } catch {
            return null;
          }
        }),
        groupIndex(cluster, admin).catch(() => null),
      ]);
      page.topics.forEach((t, i) => {
        t.messages = counts[i];
        t.groups = groups ? (groups.get(t.name) ?? []) : null;
      });
      return page;
    })(),
    kafkaRequestTimeoutMs() + 4000,
    "listing topics",
  );
}

