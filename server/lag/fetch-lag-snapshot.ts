import "server-only";
import { AssignerProtocol, type Admin } from "kafkajs";
import { mapLimit } from "@/lib/async/map-limit";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { GroupMember, GroupSnapshot, LagSnapshot, PartitionOffsets } from "@/lib/lag/lag-types";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { getAdmin, getRawCluster } from "@/server/kafka/client-registry";
import type { RawCluster } from "@/server/kafka/scan/raw-cluster";
import { withTimeout } from "@/server/kafka/with-timeout";

// One snapshot of every consumer group's lag, in few requests: ListGroups per broker, one DescribeGroups per
// coordinator for all groups, one OffsetFetch per group (bounded concurrency), one Metadata, and one
// ListOffsets per broker for every partition it leads. A partition without a reachable leader is marked and
// does not fail the snapshot.

const GROUP_CONCURRENCY = 32;

interface RawListOffsetsBroker {
  listOffsets(req: {
    replicaId: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp?: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
}

export interface SnapshotOptions {
  /** Topics whose end offsets are wanted even if no group reads them (e.g. a design's topics, for rates). */
  extraTopics?: readonly string[];
}

export async function fetchLagSnapshot(cluster: Cluster, opts: SnapshotOptions = {}): Promise<LagSnapshot> {
  const started = Date.now();
  const snapshot = await withTimeout(take(cluster, opts), Math.max(15_000, kafkaRequestTimeoutMs() * 3), "the lag snapshot");
  return { ...snapshot, clusterId: cluster.id, takenAt: started, tookMs: Date.now() - started };
}

async function take(cluster: Cluster, opts: SnapshotOptions): Promise<Omit<LagSnapshot, "clusterId" | "takenAt" | "tookMs">> {
  const admin = await getAdmin(cluster.id, toConnection(cluster));
  const listed = await listAllGroups(cluster, admin);
  // Consumer groups, and groups that only commit offsets (protocol type ""); not Connect workers or others.
  const ids = listed.groups.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId);
  const [described, committed, metadata] = await Promise.all([
    describeGroups(admin, ids),
    mapLimit(ids, GROUP_CONCURRENCY, async (groupId) => {
      try {
        return { groupId, topics: await admin.fetchOffsets({ groupId }) };
      } catch (e) {
        return { groupId, error: classifyKafkaError(e).userMessage };
      }
    }),
    admin.fetchTopicMetadata(),
  ]);

  // Which partitions each group reads: what it committed, and what its members are assigned.
  const groups: GroupSnapshot[] = committed.map((c) => {
    const d = described.get(c.groupId);
    const parts = new Map<string, PartitionOffsets>();
    for (const t of c.topics ?? []) {
      for (const p of t.partitions) {
        const off = Number(p.offset);
        if (off < 0) continue;
        parts.set(`${t.topic}\u0000${p.partition}`, { topic: t.topic, partition: p.partition, committed: off, end: null, lag: null });
      }
    }
    for (const m of d?.members ?? []) {
      for (const a of m.assignments) {
        for (const partition of a.partitions) {
          const key = `${a.topic}\u0000${partition}`;
          if (!parts.has(key)) parts.set(key, { topic: a.topic, partition, committed: null, end: null, lag: null });
        }
      }
    }
    const partitions = [...parts.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { groupId: c.groupId, state: d?.state ?? "Unknown", members: d?.members ?? [], partitions, ...(c.error ? { error: c.error } : {}) };
  });
  groups.sort((a, b) => a.groupId.localeCompare(b.groupId));

  const wanted = new Set<string>(opts.extraTopics ?? []);
  for (const g of groups) for (const p of g.partitions) wanted.add(p.topic);
  const { ends, unavailable } = await fetchEndOffsets(cluster, metadata.topics, wanted);

  const unavailableKeys = new Set(unavailable.map((u) => `${u.topic}\u0000${u.partition}`));
  for (const g of groups) {
    for (const p of g.partitions) {
      const end = ends[p.topic]?.[p.partition];
      p.end = end ?? null;
      p.lag = p.end !== null && p.committed !== null ? Math.max(0, p.end - p.committed) : null;
      if (unavailableKeys.has(`${p.topic}\u0000${p.partition}`)) p.leaderUnavailable = true;
    }
  }
  return { groups, topicEnds: ends, unavailable };
}

/**
 * Every broker's groups. kafkajs' listGroups fails as a whole when one broker does not answer (e.g. one that
 * just died and is still in the metadata); then each live broker is asked on its own.
 */
async function listAllGroups(cluster: Cluster, admin: Admin): Promise<{ groups: { groupId: string; protocolType: string }[] }> {
  try {
    return await admin.listGroups();
  } catch (first) {
    const { brokers } = await admin.describeCluster();
    const raw = await getRawCluster(cluster.id, toConnection(cluster));
    const seen = new Map<string, { groupId: string; protocolType: string }>();
    let answered = 0;
    await Promise.all(
      brokers.map(async (b) => {
        try {
          const broker = (await withTimeout(findRawBroker(raw, b.nodeId), kafkaRequestTimeoutMs(), "a broker")) as unknown as {
            listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }>;
          };
          const res = await withTimeout(broker.listGroups(), kafkaRequestTimeoutMs(), "the group list");
          for (const g of res.groups) seen.set(g.groupId, g);
          answered++;
        } catch {
          // that broker's groups are missing from this snapshot
        }
      }),
    );
    if (!answered) throw first;
    return { groups: [...seen.values()] };
  }
}

type DescribedGroup = { state: string; members: GroupMember[] };

async function describeGroups(admin: Admin, ids: string[]): Promise<Map<string, DescribedGroup>> {
  const out = new Map<string, DescribedGroup>();
  const put = (g: Awaited<ReturnType<Admin["describeGroups"]>>["groups"][number]) =>
    out.set(g.groupId, {
      state: g.state,
      members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments: decodeAssignment(m.memberAssignment) })),
    });
  if (!ids.length) return out;
  try {
    (await admin.describeGroups(ids)).groups.forEach(put);
  } catch {
    // One group kafkajs cannot describe fails the whole call: ask one by one, keeping what answers.
    await mapLimit(ids, GROUP_CONCURRENCY, async (id) => {
      try {
        (await admin.describeGroups([id])).groups.forEach(put);
      } catch {
        // Left as "Unknown".
      }
    });
  }
  return out;
}

function decodeAssignment(buf: Buffer): GroupMember["assignments"] {
  if (!buf?.length) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buf);
    if (!decoded) return [];
    return Object.entries(decoded.assignment)
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return []; // another client's assignment format: members are still listed
  }
}

/** A broker of the shared low-level client, whose metadata may not know it yet (then it is refreshed once). */
async function findRawBroker(raw: RawCluster, nodeId: number) {
  try {
    return await raw.findBroker({ nodeId: String(nodeId) });
  } catch {
    await raw.refreshMetadata();
    return raw.findBroker({ nodeId: String(nodeId) });
  }
}

type TopicMetadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"];

/** End offsets (high watermarks, as Kafka's own tools report them) of `wanted` topics: one request per leader. */
async function fetchEndOffsets(cluster: Cluster, topics: TopicMetadata, wanted: Set<string>) {
  const ends: Record<string, Record<number, number | null>> = {};
  const unavailable: { topic: string; partition: number }[] = [];
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const t of topics) {
    if (!wanted.has(t.name)) continue;
    ends[t.name] = {};
    for (const p of t.partitions) {
      ends[t.name][p.partitionId] = null;
      if (p.leader < 0 || p.partitionErrorCode === 5 /* LEADER_NOT_AVAILABLE */) {
        unavailable.push({ topic: t.name, partition: p.partitionId });
        continue;
      }
      const forLeader = byLeader.get(p.leader) ?? new Map<string, number[]>();
      forLeader.set(t.name, [...(forLeader.get(t.name) ?? []), p.partitionId]);
      byLeader.set(p.leader, forLeader);
    }
  }
  if (!byLeader.size) return { ends, unavailable };
  const raw = await getRawCluster(cluster.id, toConnection(cluster));
  const ask = async (broker: RawListOffsetsBroker, list: [string, number[]][]) => {
    const res = await broker.listOffsets({
      replicaId: -1,
      isolationLevel: 0,
      topics: list.map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp: -1 })) })),
    });
    for (const r of res.responses) for (const p of r.partitions) ends[r.topic][p.partition] = Number(p.offset);
  };
  await Promise.all(
    [...byLeader.entries()].map(async ([leader, forLeader]) => {
      const list = [...forLeader.entries()];
      try {
        const broker = (await withTimeout(findRawBroker(raw, leader), kafkaRequestTimeoutMs(), "a broker")) as unknown as RawListOffsetsBroker;
        try {
          await withTimeout(ask(broker, list), kafkaRequestTimeoutMs(), "end offsets");
        } catch {
          // kafkajs fails a whole response for one partition's error (e.g. a leader that moved): ask topic by
          // topic, and mark what still fails.
          await mapLimit(list, 8, async (entry) => {
            try {
              await withTimeout(ask(broker, [entry]), kafkaRequestTimeoutMs(), "end offsets");
            } catch {
              for (const partition of entry[1]) unavailable.push({ topic: entry[0], partition });
            }
          });
        }
      } catch {
        for (const [topic, partitions] of list) for (const partition of partitions) unavailable.push({ topic, partition });
      }
    }),
  );
  return { ends, unavailable };
}
