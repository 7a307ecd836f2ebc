import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import type { SampledMessage } from "@/lib/contracts/conformance";
import { NewestItems, latestWindows } from "@/lib/messages/time-merge";
import { AppError } from "@/lib/errors/app-error";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { fetchRecords } from "@/server/messages/fetch-records";

// The newest messages of a topic across its partitions, bounded (issue 19, item 7): each partition's newest
// `count` at most (shared out when there are many partitions, as a "latest N" search does), read with the
// message browser's plain Fetch (no consumer group), then the `count` newest by time. The read stops at its
// deadline or byte budget and says whether it finished.

const PARTITIONS_IN_FLIGHT = 4;
const FETCH_BYTES = 1024 * 1024;

export interface SampleBounds {
  count: number;
  /** When the read stops, finished or not (ms since the epoch). */
  deadline: number;
  /** Bytes of keys and values read at most, over all partitions. */
  maxBytes: number;
}

export interface NewestSample {
  /** Oldest first. */
  messages: SampledMessage[];
  complete: boolean;
}

export async function sampleNewest(cluster: Cluster, topic: string, bounds: SampleBounds): Promise<NewestSample> {
  const admin = await adminFor(cluster);
  const offsets = await withTimeout(
    admin.fetchTopicOffsets(topic).catch((e: unknown) => {
      if (isUnknownTopicError(e)) throw new AppError("NOT_FOUND", { userMessage: `Topic "${topic}" does not exist on this cluster.` });
      throw e;
    }),
    kafkaRequestTimeoutMs() + 2000,
    "reading offsets",
  );
  const parts = offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }));
  const windows = latestWindows(
    parts.map((p) => p.high - p.low),
    bounds.count,
    Math.max(bounds.count * 4, 1000),
  );
  const newest = new NewestItems<SampledMessage>(bounds.count);
  let bytes = 0;
  let complete = true;
  await mapLimit(parts, PARTITIONS_IN_FLIGHT, async (p, i) => {
    let position = p.high - windows[i];
    while (position < p.high) {
      if (Date.now() >= bounds.deadline || bytes >= bounds.maxBytes) {
        complete = false;
        return;
      }
      const records = await fetchRecords(cluster, topic, p.partition, position, FETCH_BYTES);
      const fresh = records.filter((r) => Number(r.offset) >= position && Number(r.offset) < p.high);
      if (!fresh.length) return;
      for (const r of fresh) {
        bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
        newest.add({ partition: p.partition, offset: r.offset, timestamp: Number(r.timestamp), key: r.key, value: r.value });
      }
      position = Number(fresh[fresh.length - 1].offset) + 1;
    }
  });
  return { messages: newest.sorted(), complete };
}
