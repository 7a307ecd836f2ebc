import "server-only";
import { AssignerProtocol, type Admin } from "kafkajs";
import { mapLimit } from "@/lib/async/map-limit";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { GroupMember, GroupSnapshot, LagSnapshot, PartitionOffsets } from "@/lib/groups/lag-types";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, rawClusterFor } from "@/server/kafka/client-registry";
import type { RawCluster } from "@/server/kafka/raw-cluster";
import { sendMetadataRequest, type MetadataAnswer } from "@/server/kafka/metadata-request";
import { canFetchOffsetsInBatches, fetchOffsetsOfGroups } from "@/server/kafka/offset-fetch-request";
import { withTimeout } from "@/server/kafka/with-timeout";
import { fetchPartitionOffsets, findRawBroker, type TopicMetadata } from "./fetch-partition-offsets";

// One snapshot of every consumer group's lag, in few requests: one Metadata for the offsets topic (brokers and
// group coordinators), ListGroups per broker (all at once), DescribeGroups and OffsetFetch per coordinator for
// 500 groups at a time, one Metadata for the topics the groups read, and two
// ListOffsets per broker for every partition it leads (end and log start, fetch-partition-offsets.ts). A
// partition without a reachable leader is marked and does not fail the snapshot. No request names every topic
// of the cluster (with 50,000 topics that answer alone takes a broker seconds).

const GROUP_CONCURRENCY = 64;
/** localeCompare's order, without making a collator per comparison (20,000 groups are sorted each sample). */
const byText = new Intl.Collator().compare;

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
  const admin = await adminFor(cluster);
  const raw = await rawClusterFor(cluster);
  const offsetsTopic = await sendMetadataRequest(raw, [OFFSETS_TOPIC]);
  const listed = await listAllGroups(cluster, admin, raw, offsetsTopic.brokers.map((b) => b.nodeId));
  // Consumer groups, and groups that only commit offsets (protocol type ""); not Connect workers or others.
  const ids = listed.groups.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId);
  const coordinators = coordinatorsOf(ids, topicsOf(offsetsTopic));
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
    const partitions = [...parts.values()].sort((a, b) => byText(a.topic, b.topic) || a.partition - b.partition);
    return { groupId: c.groupId, state: d?.state ?? "Unknown", members: d?.members ?? [], partitions, ...(c.error ? { error: c.error } : {}) };
  });
  groups.sort((a, b) => byText(a.groupId, b.groupId));

  const wanted = new Set<string>(opts.extraTopics ?? []);
  for (const g of groups) for (const p of g.partitions) wanted.add(p.topic);
  // Topics that no longer exist come back with an error and are left out: their partitions get no end offset.
  const metadata = wanted.size ? topicsOf(await sendMetadataRequest(raw, [...wanted])) : [];
  const { ends, starts, unavailable } = await fetchPartitionOffsets(cluster, metadata, wanted);

  const unavailableKeys = new Set(unavailable.map((u) => `${u.topic}\u0000${u.partition}`));
  for (const g of groups) {
    for (const p of g.partitions) {
      const end = ends[p.topic]?.[p.partition];
      p.end = end ?? null;
      p.logStart = starts[p.topic]?.[p.partition] ?? null;
      p.lag = p.end !== null && p.committed !== null ? Math.max(0, p.end - p.committed) : null;
      if (unavailableKeys.has(`${p.topic}\u0000${p.partition}`)) p.leaderUnavailable = true;
    }
  }
  return { groups, topicEnds: ends, unavailable };
}

const OFFSETS_TOPIC = "__consumer_offsets";

/** A Metadata answer in kafkajs' fetchTopicMetadata() shape, without the topics Kafka answered with an error. */
function topicsOf(answer: MetadataAnswer): TopicMetadata {
  return answer.topicMetadata.filter((t) => t.topicErrorCode === 0).map((t) => ({ name: t.topic, partitions: t.partitionMetadata }));
}

/**
 * Every broker's groups, all brokers asked at once (kafkajs' listGroups first reads every topic's metadata, then
 * asks one broker after the other, and fails as a whole when one does not answer, e.g. one that just died and is
 * still in the metadata). A broker that does not answer leaves its groups out; when none answers, kafkajs'
 * listGroups says why.
 */
async function listAllGroups(cluster: Cluster, admin: Admin, raw: RawCluster, brokerIds: number[]): Promise<{ groups: { groupId: string; protocolType: string }[] }> {
  const seen = new Map<string, { groupId: string; protocolType: string }>();
  let answered = 0;
  await Promise.all(
    brokerIds.map(async (nodeId) => {
      try {
        const broker = (await withTimeout(findRawBroker(raw, nodeId), kafkaRequestTimeoutMs(), "a broker")) as unknown as {
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
  if (!answered) return admin.listGroups();
  return { groups: [...seen.values()] };
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
  const offsets = topics.find((t) => t.name === OFFSETS_TOPIC);
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

/** Groups per OffsetFetch (version 8) and per DescribeGroups request. */
const GROUPS_PER_REQUEST = 500;

/**
 * Every group's committed offsets: the groups of each coordinator in requests of GROUPS_PER_REQUEST
 * (server/kafka/offset-fetch-request.ts); any group that does not come back that way (a moved coordinator, one
 * still loading, a broker older than Kafka 3.0) is asked for on its own.
 */
async function fetchCommitted(admin: Admin, raw: RawCluster, ids: string[], coordinators: Map<string, number>): Promise<Committed[]> {
  const found = new Map<string, Committed>();
  const byBroker = new Map<number, string[]>();
  for (const id of ids) {
    const leader = coordinators.get(id);
    if (leader === undefined) continue;
    const list = byBroker.get(leader);
    if (list) list.push(id);
    else byBroker.set(leader, [id]);
  }
  await Promise.all(
    [...byBroker.entries()].flatMap(([leader, groupIds]) =>
      chunk(groupIds, GROUPS_PER_REQUEST).map(async (part) => {
        try {
          const broker = await findRawBroker(raw, leader);
          if (!canFetchOffsetsInBatches(broker)) return;
          for (const g of await fetchOffsetsOfGroups(broker, part)) if (g.errorCode === 0) found.set(g.groupId, { groupId: g.groupId, topics: g.topics });
        } catch {
          // one by one below
        }
      }),
    ),
  );
  const rest = await mapLimit(
    ids.filter((id) => !found.has(id)),
    GROUP_CONCURRENCY,
    async (groupId): Promise<Committed> => {
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
    },
  );
  for (const c of rest) found.set(c.groupId, c);
  return ids.map((id) => found.get(id) ?? { groupId: id, error: "no committed offsets read" });
}

async function describeGroups(admin: Admin, raw: RawCluster, ids: string[], coordinators: Map<string, number>): Promise<Map<string, DescribedGroup>> {
  const out = new Map<string, DescribedGroup>();
  const put = (g: { groupId: string; state: string; members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[] }) =>
    out.set(g.groupId, {
      state: g.state,
      // Kafka gives the address as Java prints an InetAddress without its name: "/127.0.0.1".
      members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost.replace(/^\//, ""), assignments: decodeAssignment(m.memberAssignment) })),
    });
  if (!ids.length) return out;
  const byBroker = new Map<number, string[]>();
  for (const id of ids) {
    const leader = coordinators.get(id);
    if (leader === undefined) continue;
    const list = byBroker.get(leader);
    if (list) list.push(id);
    else byBroker.set(leader, [id]);
  }
  await Promise.all(
    [...byBroker.entries()].flatMap(([leader, groupIds]) =>
      chunk(groupIds, GROUPS_PER_REQUEST).map(async (part) => {
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
