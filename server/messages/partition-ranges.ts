import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { ScanRequest } from "@/lib/messages/scan-schema";
import { latestWindows } from "@/lib/messages/time-merge";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";

export interface PartitionRange {
  partition: number;
  start: number;
  /** The end offset captured when the search began (exclusive); Infinity while following. */
  end: number;
  position: number;
}

/** At most this many messages are read for a "latest N" search (N newest of each partition while it fits). */
const LATEST_READ_CAP = 200_000;

/** Where each chosen partition's read starts and ends, from the request's start and the offsets now. */
export async function partitionRanges(cluster: Cluster, req: ScanRequest): Promise<PartitionRange[]> {
  const admin = await adminFor(cluster);
  const topics = await admin.listTopics();
  if (!topics.includes(req.topic)) throw new AppError("NOT_FOUND", { userMessage: `Topic "${req.topic}" does not exist on this cluster.` });
  const offsets = await admin.fetchTopicOffsets(req.topic);
  const all = offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) })).sort((a, b) => a.partition - b.partition);
  const wanted = req.partitions ? new Set(req.partitions) : null;
  if (wanted) {
    const missing = [...wanted].filter((p) => !all.some((o) => o.partition === p));
    if (missing.length) throw new AppError("VALIDATION", { userMessage: `Topic "${req.topic}" has no partition ${missing.join(", ")}.` });
  }
  const chosen = wanted ? all.filter((o) => wanted.has(o.partition)) : all;
  const s = req.start;
  if (s.kind === "latest") {
    const windows = latestWindows(
      chosen.map((o) => o.high - o.low),
      s.count,
      Math.max(LATEST_READ_CAP, s.count),
    );
    return chosen.map(({ partition, high }, i) => ({ partition, start: high - windows[i], end: high, position: high - windows[i] }));
  }
  let byTimestamp: Map<number, number> | null = null;
  if (s.kind === "timestamp") {
    const found = await admin.fetchTopicOffsetsByTimestamp(req.topic, s.timestamp);
    byTimestamp = new Map(found.map((f) => [f.partition, Number(f.offset)]));
  }
  return chosen.map(({ partition, low, high }) => {
    let start = low;
    if (s.kind === "offset") start = Math.min(Math.max(s.offset, low), high);
    else if (s.kind === "timestamp") {
      const o = byTimestamp?.get(partition) ?? -1;
      start = o < 0 ? high : Math.max(o, low);
    }
    return { partition, start, end: high, position: start };
  });
}
