import "server-only";
import { ConfigResourceTypes, type Admin } from "kafkajs";
import { isInternalTopic } from "@/lib/clusters/cluster-overview";
import type { ClusterState, LiveGroup, LiveTopic } from "@/lib/plan/plan-types";

// DescribeConfigs' source for a topic's own dynamic override (DYNAMIC_TOPIC_CONFIG). Everything else (broker
// defaults, static broker config, Kafka's defaults) is not the topic's setting and so is never drift.
const TOPIC_OVERRIDE_SOURCE = 1;
const DESCRIBE_BATCH = 200;

/** Topics with partition count, replication factor and dynamic config overrides. Internal topics included. */
export async function readTopics(admin: Admin, names?: string[]): Promise<LiveTopic[]> {
  const wanted = names ?? (await admin.listTopics());
  if (!wanted.length) return [];
  const metadata = await admin.fetchTopicMetadata({ topics: wanted });
  const configs = new Map<string, Record<string, string>>();
  const userTopics = metadata.topics.map((t) => t.name).filter((n) => !isInternalTopic(n));
  for (let i = 0; i < userTopics.length; i += DESCRIBE_BATCH) {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: userTopics.slice(i, i + DESCRIBE_BATCH).map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    for (const r of res.resources) {
      const overrides: Record<string, string> = {};
      for (const e of r.configEntries) {
        if ((e as { configSource?: number }).configSource === TOPIC_OVERRIDE_SOURCE && e.configValue !== null) overrides[e.configName] = e.configValue;
      }
      configs.set(r.resourceName, overrides);
    }
  }
  return metadata.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.length,
    replicationFactor: t.partitions[0]?.replicas.length ?? 0,
    configs: configs.get(t.name) ?? {},
  }));
}

export async function readGroups(admin: Admin, groupIds?: string[]): Promise<LiveGroup[]> {
  const listed = (await admin.listGroups()).groups.map((g) => g.groupId);
  const ids = groupIds ? groupIds.filter((g) => listed.includes(g)) : listed;
  if (!ids.length) return [];
  const described = await admin.describeGroups(ids);
  return described.groups.map((g) => ({ groupId: g.groupId, state: g.state }));
}

/** What a plan is computed against: broker count and every topic (groups only when asked for). */
export async function readClusterState(admin: Admin, opts: { groupIds?: string[] } = {}): Promise<ClusterState> {
  const [described, topics] = await Promise.all([admin.describeCluster(), readTopics(admin)]);
  const groups = opts.groupIds ? await readGroups(admin, opts.groupIds) : undefined;
  return { brokerCount: described.brokers.length, topics, groups };
}
