import "server-only";
import { decodePayload } from "@/lib/messages/decode";
import type { CompiledFilter } from "@/lib/messages/message-filter";
import type { ScanDone, ScanMeta, ScanProgress, ScannedMessage } from "@/lib/messages/scan-events";
import type { ScanRequest } from "@/lib/messages/scan-schema";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import { getAdmin, getRawCluster, resetRawCluster } from "../client-registry";
import { withTimeout } from "../with-timeout";
import type { RawMessage } from "./raw-cluster";

export interface ScanSink {
  meta(m: ScanMeta): void;
  messages(batch: ScannedMessage[]): void;
  progress(p: ScanProgress): void;
}

/** Bytes asked per partition per fetch: large enough to keep the broker streaming, small enough for memory. */
const PARTITION_FETCH_BYTES = 4 * 1024 * 1024;
const MAX_WAIT_MS = 250;
const FLUSH_MS = 100;
const PROGRESS_MS = 250;
const utf8 = new TextDecoder("utf-8");

function headersOf(m: RawMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v === undefined) continue;
    const b = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = b ? utf8.decode(b) : "";
  }
  return out;
}

interface PartitionRange {
  partition: number;
  start: number;
  end: number;
  position: number;
}

async function partitionRanges(cluster: Cluster, req: ScanRequest): Promise<PartitionRange[]> {
  const admin = await getAdmin(cluster.id, toConnection(cluster));
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
  let byTimestamp: Map<number, number> | null = null;
  if (req.start.kind === "timestamp") {
    const found = await admin.fetchTopicOffsetsByTimestamp(req.topic, req.start.timestamp);
    byTimestamp = new Map(found.map((f) => [f.partition, Number(f.offset)]));
  }
  return chosen.map(({ partition, low, high }) => {
    let start = low;
    const s = req.start;
    if (s.kind === "latest") start = Math.max(low, high - Math.ceil(s.count / chosen.length));
    else if (s.kind === "offset") start = Math.min(Math.max(s.offset, low), high);
    else if (s.kind === "timestamp") {
      const o = byTimestamp?.get(partition) ?? -1;
      start = o < 0 ? high : Math.max(o, low);
    }
    return { partition, start, end: high, position: start };
  });
}

/**
 * Scans a topic with plain Fetch requests, one loop per partition, from the chosen start up to the end
 * offsets captured when the scan began (an empty fetch does not end it early), or until a limit: matches,
 * messages scanned, duration, or the caller's abort (Stop, or the browser going away).
 */
export async function scanTopic(
  cluster: Cluster,
  req: ScanRequest,
  match: CompiledFilter,
  signal: AbortSignal,
  sink: ScanSink,
  opts: { follow?: boolean } = {},
): Promise<ScanDone> {
  const started = Date.now();
  const ranges = await withTimeout(partitionRanges(cluster, req), kafkaRequestTimeoutMs() + 2000, "reading offsets");
  // Live tail: start at the end and keep following new messages until the browser goes away.
  if (opts.follow) for (const r of ranges) Object.assign(r, { start: r.end, position: r.end, end: Number.POSITIVE_INFINITY });
  sink.meta({ topic: req.topic, partitions: ranges.map(({ partition, start, end }) => ({ partition, start, end: Number.isFinite(end) ? end : -1 })), startedAt: new Date(started).toISOString() });

  let raw = await getRawCluster(cluster.id, toConnection(cluster));
  await raw.addTargetTopic(req.topic);
  // The scan client, like kafkajs' admin, keeps asking for every topic it ever read: when one was deleted
  // elsewhere its metadata requests fail, so it is replaced once (all partition loops share the new one).
  let replaced: Promise<void> | null = null;
  const replaceRaw = () =>
    (replaced ??= (async () => {
      resetRawCluster(cluster.id);
      raw = await getRawCluster(cluster.id, toConnection(cluster));
      await raw.addTargetTopic(req.topic);
    })());

  let scanned = 0;
  let matched = 0;
  let stop: ScanDone["reason"] | null = null;
  let pending: ScannedMessage[] = [];
  const local = new AbortController();
  const onAbort = () => {
    stop ??= "stopped";
    local.abort();
  };
  signal.addEventListener("abort", onAbort);
  if (signal.aborted) onAbort();

  const flush = () => {
    if (pending.length) {
      sink.messages(pending);
      pending = [];
    }
  };
  const progress = () =>
    sink.progress({
      scanned,
      matched,
      elapsedMs: Date.now() - started,
      partitions: ranges.map(({ partition, position, end }) => ({ partition, position, end: Number.isFinite(end) ? end : -1 })),
    });
  const flushTimer = setInterval(flush, FLUSH_MS);
  const progressTimer = setInterval(progress, PROGRESS_MS);
  const deadline = started + req.maxDurationMs;

  const checkLimits = () => {
    if (stop) return true;
    if (!opts.follow && matched >= req.limit) stop = "limit";
    else if (!opts.follow && scanned >= req.maxScanned) stop = "max-scanned";
    else if (Date.now() > deadline) stop = "timeout";
    if (stop) local.abort();
    return stop !== null;
  };

  async function scanPartition(range: PartitionRange) {
    let leaderRetries = 0;
    while (range.position < range.end && !checkLimits()) {
      let response;
      try {
        const leaders = raw.findLeaderForPartitions(req.topic, [range.partition]);
        const leaderId = Object.keys(leaders)[0];
        if (leaderId === undefined) throw Object.assign(new Error("no leader"), { type: "LEADER_NOT_AVAILABLE" });
        const broker = await raw.findBroker({ nodeId: leaderId });
        response = await withTimeout(
          broker.fetch({
            replicaId: -1,
            isolationLevel: 1,
            maxWaitTime: MAX_WAIT_MS,
            minBytes: 1,
            maxBytes: PARTITION_FETCH_BYTES,
            topics: [{ topic: req.topic, partitions: [{ partition: range.partition, fetchOffset: String(range.position), maxBytes: PARTITION_FETCH_BYTES }] }],
          }),
          kafkaRequestTimeoutMs() + 2000,
          "fetching messages",
        );
        leaderRetries = 0;
      } catch (e) {
        const type = (e as { type?: string }).type;
        if (type === "OFFSET_OUT_OF_RANGE") {
          // Retention removed the records before our position: carry on from the log start.
          const admin = await getAdmin(cluster.id, toConnection(cluster));
          const low = Number((await admin.fetchTopicOffsets(req.topic)).find((o) => o.partition === range.partition)?.low ?? range.end);
          range.position = Math.max(range.position + 1, low);
          continue;
        }
        if (isUnknownTopicError(e) && !replaced) {
          await replaceRaw();
          continue;
        }
        if ((type === "NOT_LEADER_FOR_PARTITION" || type === "LEADER_NOT_AVAILABLE" || type === "UNKNOWN_TOPIC_OR_PARTITION") && leaderRetries++ < 20) {
          await new Promise((r) => setTimeout(r, 250));
          await raw.refreshMetadata().catch(() => {});
          continue;
        }
        throw e;
      }

      for (const t of response.responses) {
        for (const p of t.partitions) {
          if (p.partition !== range.partition) continue;
          for (const m of p.messages) {
            const offset = Number(m.offset);
            // A fetch returns whole batches: skip what lies before our position or at/after the captured end.
            if (offset < range.position) continue;
            if (offset >= range.end) {
              range.position = range.end;
              break;
            }
            if (stop) return;
            range.position = offset + 1;
            if (m.isControlRecord) continue;
            scanned++;
            const candidate = { key: m.key, value: m.value, headers: headersOf(m), partition: range.partition, offset, timestamp: Number(m.timestamp) };
            if (match(candidate)) {
              matched++;
              pending.push({
                partition: range.partition,
                offset: m.offset,
                timestamp: candidate.timestamp,
                key: decodePayload(m.key),
                value: decodePayload(m.value),
                headers: Object.entries(candidate.headers).map(([key, value]) => ({ key, value })),
              });
              if (!opts.follow && matched >= req.limit) {
                checkLimits();
                return;
              }
            }
            if (!opts.follow && scanned >= req.maxScanned && checkLimits()) return;
          }
        }
      }
      // Yield so that the flush and progress timers (and other scans) get their turn.
      await new Promise((r) => setImmediate(r));
    }
  }

  let error: unknown = null;
  try {
    await Promise.all(ranges.map((r) => scanPartition(r)));
  } catch (e) {
    error = e;
  } finally {
    clearInterval(flushTimer);
    clearInterval(progressTimer);
    signal.removeEventListener("abort", onAbort);
    flush();
    progress();
  }
  if (error) throw error;
  return { reason: stop ?? "completed", scanned, matched, elapsedMs: Date.now() - started };
}

