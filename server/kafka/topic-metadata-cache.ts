import "server-only";
import type { Admin } from "kafkajs";
import { TopicIndex, type IndexChange } from "@/lib/topics/topic-index";
import type { Cluster } from "@/prisma/generated/client";
import { logger } from "@/server/log";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { metadataClusterFor } from "./client-registry";
import { sendMetadataRequest } from "./metadata-request";

type Metadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"];
export type TopicMetadataEntry = Metadata[number];

// Every topic's metadata, per cluster, kept in memory and refreshed in the background while someone reads it: pages
// (the topic list, its searches and pages, the cluster overview) read the cache and never wait for Kafka, except
// for the very first read and after Topiary itself changed topics (forgetTopicMetadata).
//
// Kafka has no request that lists topic names without their partitions: listing topics *is* the Metadata request
// for all topics. So one refresh is one Metadata request; its answer is diffed against the index
// (lib/topics/topic-index.ts), which summarizes again only the topics that are new or changed, drops the deleted
// ones and merges the new names into the kept order. With 50,000 topics a page, a search or a sort then costs a
// pass over the kept order, not a metadata read and a sort of 50,000 rows.

/** A read of a cache older than this starts a refresh behind it. */
const REFRESH_MS = 10_000;
/**
 * Background refreshes are at least this many times as far apart as one takes: a broker answers Metadata for
 * 50,000 topics in seconds, and the console should not keep it busy with that.
 */
const SPACING = 4;
/**
 * A big cluster's topics are refreshed less often: one Metadata answer for 50,000 topics is megabytes, decoded on
 * the console's one thread, which a refresh every 10 s kept busy for a good part of the time people type into its
 * pages. A millisecond per topic, up to MAX_REFRESH_MS (50,000 topics: every 50 s). Topiary's own changes to
 * topics are seen at once all the same (forgetTopicMetadata).
 */
const REFRESH_MS_PER_TOPIC = 1;
const MAX_REFRESH_MS = 50_000;
/** A cache older than this (nobody read it for a while) is not served: the read waits for a refresh. */
const STALE_MS = 60_000;
/** Background refreshes continue this long after the last read. */
const IDLE_MS = 2 * 60_000;

export interface TopicCacheStats {
  /** Refreshes done (each one Metadata request for all topics). */
  refreshes: number;
  /** What the last refresh changed. */
  last: (IndexChange & { tookMs: number; topics: number }) | null;
}

interface ClusterTopics {
  cluster: Cluster;
  index: TopicIndex<TopicMetadataEntry["partitions"][number]>;
  /** When the data in the index was read (0: never). */
  at: number;
  lastRead: number;
  /** Bumped by forgetTopicMetadata: reads wait for a refresh started after it. */
  wanted: number;
  /** The `wanted` value the index reflects. */
  have: number;
  inFlight: { promise: Promise<void>; generation: number } | null;
  timer: ReturnType<typeof setTimeout> | null;
  stats: TopicCacheStats;
  error: unknown;
}

const g = globalThis as unknown as { topiaryTopicCache?: Map<string, ClusterTopics> };
const caches = (g.topiaryTopicCache ??= new Map());

function entryOf(cluster: Cluster): ClusterTopics {
  let e = caches.get(cluster.id);
  if (!e) {
    e = { cluster, index: new TopicIndex(), at: 0, lastRead: 0, wanted: 0, have: -1, inFlight: null, timer: null, stats: { refreshes: 0, last: null }, error: null };
    caches.set(cluster.id, e);
  }
  e.cluster = cluster; // the newest stored settings (adminFor keys clients by them)
  return e;
}

/** Every topic's metadata in one Metadata request, on the cache's own connection (metadata-request.ts). */
async function readAllTopics(cluster: Cluster): Promise<Metadata> {
  const md = await sendMetadataRequest(await metadataClusterFor(cluster), null, Math.max(30_000, kafkaRequestTimeoutMs()));
  return md.topicMetadata.filter((t) => t.topicErrorCode === 0).map((t) => ({ name: t.topic, partitions: t.partitionMetadata }));
}

function refresh(e: ClusterTopics): Promise<void> {
  if (e.inFlight && e.inFlight.generation >= e.wanted) return e.inFlight.promise;
  // A refresh that started before the topics changed cannot show the change: one more after it.
  const before = e.inFlight?.promise.catch(() => {}) ?? Promise.resolve();
  const generation = e.wanted;
  const promise = before.then(async () => {
    const t0 = Date.now();
    try {
      const topics = await readAllTopics(e.cluster);
      const change = e.index.update(topics);
      e.at = t0;
      e.have = Math.max(e.have, generation);
      e.error = null;
      e.stats.refreshes++;
      e.stats.last = { ...change, tookMs: Date.now() - t0, topics: topics.length };
    } catch (err) {
      e.error = err;
      throw err;
    } finally {
      if (e.inFlight?.promise === promise) e.inFlight = null;
    }
  });
  e.inFlight = { promise, generation };
  return promise;
}

/** How far apart the cluster's refreshes are (see REFRESH_MS, REFRESH_MS_PER_TOPIC and SPACING). */
function refreshEveryMs(e: ClusterTopics): number {
  return Math.max(REFRESH_MS, Math.min(MAX_REFRESH_MS, e.index.size * REFRESH_MS_PER_TOPIC), SPACING * (e.stats.last?.tookMs ?? 0));
}

/** Keeps refreshing (every refreshEveryMs) while the cluster's topics are read. */
function schedule(e: ClusterTopics) {
  if (e.timer) return;
  const delay = refreshEveryMs(e);
  e.timer = setTimeout(() => {
    e.timer = null;
    if (Date.now() - e.lastRead > IDLE_MS) {
      // Nobody looks: let the memory go (the next read waits for a fresh one).
      if (caches.get(e.cluster.id) === e && !e.inFlight) caches.delete(e.cluster.id);
      return;
    }
    refresh(e)
      .catch((err) => logger.debug("topic metadata refresh failed", { clusterId: e.cluster.id, error: err }))
      .finally(() => schedule(e));
  }, delay);
  e.timer.unref?.();
}

/**
 * The cluster's topics (kept index), current within refreshEveryMs while read. Waits for Kafka only when there is
 * nothing fit to show: no read yet, Topiary changed topics since, nobody read them for STALE_MS, or the last
 * refresh failed (the error is the page's answer then, not rows that may be gone).
 */
export async function cachedTopics(cluster: Cluster): Promise<TopicIndex<TopicMetadataEntry["partitions"][number]>> {
  const e = entryOf(cluster);
  e.lastRead = Date.now();
  const age = Date.now() - e.at;
  if (e.have < e.wanted || !e.at || age > STALE_MS || (e.error && age > REFRESH_MS)) await refresh(e);
  else if (age > refreshEveryMs(e)) refresh(e).catch(() => {});
  schedule(e);
  return e.index;
}

/** Every topic's metadata (name order), from the cache. */
export async function cachedTopicMetadata(cluster: Cluster): Promise<Metadata> {
  return (await cachedTopics(cluster)).metadata();
}

/** Refreshes now (one Metadata request) and waits for it; for tests and callers that must see Kafka's state. */
export async function refreshTopicMetadata(cluster: Cluster): Promise<TopicCacheStats> {
  const e = entryOf(cluster);
  e.wanted++;
  await refresh(e);
  return { ...e.stats };
}

export function topicCacheStats(clusterId: string): TopicCacheStats | null {
  const e = caches.get(clusterId);
  return e ? { ...e.stats } : null;
}

/** After Topiary itself created, deleted or changed topics: the next read waits for a refresh that shows it. */
export function forgetTopicMetadata(clusterId: string): void {
  const e = caches.get(clusterId);
  if (e) e.wanted++;
}
