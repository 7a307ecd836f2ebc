import "server-only";
import { isInternalTopic } from "@/lib/clusters/cluster-overview";
import type { TopicPage } from "@/lib/clusters/topic-summary";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { getAdmin } from "./client-registry";
import { withTimeout } from "./with-timeout";


/** Topic names with partition counts, searched (substring, case-insensitive) and paged on the server. */
export async function listTopicSummaries(cluster: Cluster, opts: { q: string; includeInternal: boolean; limit: number }): Promise<TopicPage> {
  return withTimeout(
    (async () => {
      const admin = await getAdmin(cluster.id, toConnection(cluster));
      const { topics } = await admin.fetchTopicMetadata();
      const q = opts.q.toLowerCase();
      const matched = topics
        .filter((t) => (opts.includeInternal || !isInternalTopic(t.name)) && (!q || t.name.toLowerCase().includes(q)))
        .sort((a, b) => a.name.localeCompare(b.name));
      return {
        total: topics.length,
        matched: matched.length,
        topics: matched.slice(0, opts.limit).map((t) => ({
          name: t.name,
          partitions: t.partitions.length,
          replicationFactor: t.partitions[0]?.replicas.length ?? 0,
          underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).length,
          internal: isInternalTopic(t.name),
        })),
      };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    "listing topics",
  );
}
