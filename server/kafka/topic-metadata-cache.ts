import "server-only";
import type { Admin } from "kafkajs";

type Metadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"];

// Metadata of every topic is one request, but a big one with thousands of topics: the overview, the topic list
// and paging through it share one answer for a few seconds instead of asking (and decoding) again each time.
const TTL_MS = 3_000;
const g = globalThis as unknown as { topiaryTopicMeta?: Map<string, { at: number; topics: Promise<Metadata> }> };
const cache = (g.topiaryTopicMeta ??= new Map());

export function cachedTopicMetadata(clusterId: string, admin: Admin): Promise<Metadata> {
  const hit = cache.get(clusterId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.topics;
  const topics = admin.fetchTopicMetadata().then((m) => m.topics);
  topics.catch(() => cache.delete(clusterId));
  cache.set(clusterId, { at: Date.now(), topics });
  return topics;
}

/** Forgets the cached metadata after Topiary itself created, deleted or changed topics. */
export function forgetTopicMetadata(clusterId: string): void {
  cache.delete(clusterId);
}
