import "server-only";
import type { Admin } from "kafkajs";

type Metadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"];

// Metadata of every topic is one request, but a big one with thousands of topics: the overview, the topic list
// and paging through it share one answer for a few seconds instead of asking (and decoding) again each time.
const TTL_MS = 3_000;
/** Up to this age an answer is served at once while a fresh one is fetched behind it. */
const STALE_MS = 60_000;
const g = globalThis as unknown as { topiaryTopicMeta?: Map<string, { at: number; topics: Promise<Metadata> }> };
const cache = (g.topiaryTopicMeta ??= new Map());

export function cachedTopicMetadata(clusterId: string, admin: Admin, opts: { allowStale?: boolean } = {}): Promise<Metadata> {
  const hit = cache.get(clusterId);
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < TTL_MS) return hit.topics;
  const topics = admin.fetchTopicMetadata().then((m) => m.topics);
  topics.then(
    () => cache.set(clusterId, { at: Date.now(), topics }),
    () => {
      if (cache.get(clusterId)?.topics === topics) cache.delete(clusterId);
    },
  );
  if (hit && opts.allowStale && age < STALE_MS) return hit.topics; // the fresh answer replaces it when it comes
  cache.set(clusterId, { at: Date.now(), topics });
  return topics;
}

/** Forgets the cached metadata after Topiary itself created, deleted or changed topics. */
export function forgetTopicMetadata(clusterId: string): void {
  cache.delete(clusterId);
}
