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
  const [listed, metadata] = await Promise.all([listAllGroups(cluster, admin), admin.fetchTopicMetadata()]);
  // Consumer groups, and groups that only commit offsets (protocol type ""); not Connect workers or others.
  const ids = listed.groups.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId);
  const raw = await getRawCluster(cluster.id, toConnection(cluster));
  const coordinators = coordinatorsOf(ids, metadata.topics);
  const [described, committed] = await Promise.all([describeGroups(admin, raw, ids, coordinators), fetchCommitted(admin, raw, ids, coordinators)]);

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

/**
 * Each group's coordinator broker, from the leaders of Kafka's offsets topic: a group lives on partition
 * abs(javaHash(groupId)) % partitions (Kafka's own rule). Asking coordinators directly saves a FindCoordinator
 * round trip per group and lets one DescribeGroups ask for all of a broker's groups; any group whose
 * coordinator this does not find (or that answers NOT_COORDINATOR) goes through kafkajs' own lookup instead.
 */
function coordinatorsOf(ids: string[], topics: TopicMetadata): Map<string, number> {
  const out = new Map<string, number>();
  const offsets = topics.find((t) => t.name === "__consumer_offsets");
  if (!offsets?.partitions.length) return out;
  const leaders = new Map(offsets.partitions.map((p) => [p.partitionId, p.leader]));
  for (const id of ids) {
    const leader = leaders.get((javaStringHash(id) & 0x7fffffff) % offsets.partitions.length);
    if (leader !== undefined && leader >= 0) out.set(id, leader);
  }
  return out;
}

/** Java's String.hashCode over UTF-16 code units, as Kafka hashes group ids. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

type RawGroupBroker = {
  describeGroups(req: { groupIds: string[] }): Promise<{ groups: RawDescribedGroup[] }>;
  offsetFetch(req: { groupId: string; topics: [] }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
};
type RawDescribedGroup = { groupId: string; state: string; errorCode: number; members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[] };
type Committed = { groupId: string; topics?: { topic: string; partitions: { partition: number; offset: string }[] }[]; error?: string };

async function fetchCommitted(admin: Admin, raw: RawCluster, ids: string[], coordinators: Map<string, number>): Promise<Committed[]> {
  return mapLimit(ids, GROUP_CONCURRENCY, async (groupId): Promise<Committed> => {
    const leader = coordinators.get(groupId);
    if (leader !== undefined) {
      try {
        const broker = (await findRawBroker(raw, leader)) as unknown as RawGroupBroker;
        const res = await withTimeout(broker.offsetFetch({ groupId, topics: [] }), kafkaRequestTimeoutMs(), "committed offsets");
        return { groupId, topics: res.responses };
      } catch {
        // moved coordinator, or not loaded yet: kafkajs' lookup below
      }
    }
    try {
      return { groupId, topics: await admin.fetchOffsets({ groupId }) };
    } catch (e) {
      return { groupId, error: classifyKafkaError(e).userMessage };
    }
  });
}

async function describeGroups(admin: Admin, raw: RawCluster, ids: string[], coordinators: Map<string, number>): Promise<Map<string, DescribedGroup>> {
  const out = new Map<string, DescribedGroup>();
  const put = (g: { groupId: string; state: string; members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[] }) =>
    out.set(g.groupId, {
      state: g.state,
      members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments: decodeAssignment(m.memberAssignment) })),
    });
  if (!ids.length) return out;
  const byBroker = new Map<number, string[]>();
  for (const id of ids) {
    const leader = coordinators.get(id);
    if (leader !== undefined) byBroker.set(leader, [...(byBroker.get(leader) ?? []), id]);
  }
  await Promise.all(
    [...byBroker.entries()].flatMap(([leader, groupIds]) =>
      chunk(groupIds, 500).map(async (part) => {
        try {
          const broker = (await findRawBroker(raw, leader)) as unknown as RawGroupBroker;
          const res = await withTimeout(broker.describeGroups({ groupIds: part }), kafkaRequestTimeoutMs(), "consumer groups");
          for (const g of res.groups) if (g.errorCode === 0) put(g);
        } catch {
          // left to kafkajs' lookup below
        }
      }),
    ),
  );
  const rest = ids.filter((id) => !out.has(id));
  if (!rest.length) return out;
  try {
    (await admin.describeGroups(rest)).groups.forEach(put);
  } catch {
    // One group kafkajs cannot describe fails the whole call: ask one by one, keeping what answers.
    await mapLimit(rest, GROUP_CONCURRENCY, async (id) => {
      try {
        (await admin.describeGroups([id])).groups.forEach(put);
      } catch {
        // Left as "Unknown".
      }
    });
  }
  return out;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
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
