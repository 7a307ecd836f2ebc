import "server-only";
import { decodePayload } from "@/lib/messages/decode";
import type { MessageFilter } from "@/lib/messages/message-filter";
import type { ResultOrder, ScanDone, ScanMeta, ScanProgress, ScannedMessage } from "@/lib/messages/scan-events";
import type { ScanRequest } from "@/lib/messages/scan-schema";
import { NewestItems, TimeOrderedMerge } from "@/lib/messages/time-merge";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, rawClusterFor, resetRawCluster } from "@/server/kafka/client-registry";
import { forEachRecord, headersOf as recordHeaders, keyOf, plainBatchesOnly, valueOf } from "@/lib/messages/record-batches";
import { decodeWithKafkajs, fetchRecordBytes, type FetchedPartition } from "@/server/kafka/fetch-request";
import type { RawMessage } from "@/server/kafka/raw-cluster";
import { withTimeout } from "@/server/kafka/with-timeout";
import { prepareScanDecoding } from "@/server/registry/scan-decoding";
import type { FilterCandidate } from "./filter-batch";
import { FilterRun } from "./filter-pool";
import { partitionRanges, type PartitionRange } from "./partition-ranges";

// One search of one topic: scanTopic. One file, though long: the partition loops, the fetch with its retries, the
// two record readers and the merge share one search's counters, limits and positions as closures of scanTopic;
// apart, they would pass all of that state between them on every record.

export interface ScanSink {
  meta(m: ScanMeta): void;
  messages(batch: ScannedMessage[]): void;
  progress(p: ScanProgress): void;
}

/** Bytes in flight over all partitions of one search; each partition asks for its share (64 KB–4 MB) per fetch. */
const FETCH_BUDGET_BYTES = 64 * 1024 * 1024;
const PARTITION_FETCH_MIN = 64 * 1024;
const PARTITION_FETCH_MAX = 4 * 1024 * 1024;
/** Results waiting for the time-ordered merge, over all partitions (each holds at least 16). */
const MERGE_WAITING = 4000;
const MAX_WAIT_MS = 250;
const FLUSH_MS = 100;
const PROGRESS_MS = 250;
const utf8 = new TextDecoder("utf-8");
const BACKSLASH = Buffer.from("\\");
/** Needle hits in one fetch beyond which records are asked one by one instead. */
const MAX_HITS = 20_000;

/** Every position of `needle` in `buf` (Node's native search). */
function occurrences(buf: Buffer, needle: Buffer): number[] {
  const out: number[] = [];
  for (let i = buf.indexOf(needle, 0); i >= 0 && out.length <= MAX_HITS; i = buf.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function headersOf(m: RawMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v === undefined) continue;
    const b = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = b ? utf8.decode(b) : "";
  }
  return out;
}

type Candidate = FilterCandidate & { partition: number; rawOffset: string };

const toScanned = (c: Candidate): ScannedMessage => ({
  partition: c.partition,
  offset: c.rawOffset,
  timestamp: c.timestamp,
  key: decodePayload(c.key as Buffer | null),
  value: decodePayload(c.value as Buffer | null),
  headers: Object.entries(c.headers).map(([key, value]) => ({ key, value })),
});

/**
 * Scans a topic with plain Fetch requests, one loop per partition, from the chosen start up to the end
 * offsets captured when the scan began (an empty fetch does not end it early), or until a limit: matches,
 * messages scanned, duration, or the caller's abort (Stop, or the browser going away).
 *
 * Results come in time order across partitions (a bounded merge by timestamp; "latest N" keeps the N newest),
 * except while following, where they come as they arrive. The filter's byte checks run here; its expression
 * runs in the worker pool (filter-pool.ts), batch by batch, under the search's deadline.
 */
export async function scanTopic(
  cluster: Cluster,
  req: ScanRequest,
  filter: MessageFilter,
  signal: AbortSignal,
  sink: ScanSink,
  opts: { follow?: boolean } = {},
): Promise<ScanDone> {
  const started = Date.now();
  const deadline = started + req.maxDurationMs;
  const ranges = await withTimeout(partitionRanges(cluster, req), kafkaRequestTimeoutMs() + 2000, "reading offsets");
  // Keys and values written with a schema (registry framing, a contract, a pasted schema): server/registry/scan-decoding.ts.
  const decoding = await prepareScanDecoding(cluster, req);
  if (decoding) filter = decoding.filter(filter);
  const shownRow = decoding ? (c: Parameters<typeof toScanned>[0]) => decoding.annotate(toScanned(c), c) : toScanned;
  // Live tail: start at the end and keep following new messages until the browser goes away.
  if (opts.follow) for (const r of ranges) Object.assign(r, { start: r.end, position: r.end, end: Number.POSITIVE_INFINITY });
  const order: ResultOrder = opts.follow ? "arrival" : "time";
  sink.meta({ topic: req.topic, order, partitions: ranges.map(({ partition, start, end }) => ({ partition, start, end: Number.isFinite(end) ? end : -1 })), startedAt: new Date(started).toISOString() });

  const latest = !opts.follow && req.start.kind === "latest" ? new NewestItems<ScannedMessage>(Math.min(req.limit, req.start.count)) : null;
  const merge = !opts.follow && !latest ? new TimeOrderedMerge<ScannedMessage>(ranges.map((r) => r.partition), Math.max(16, Math.ceil(MERGE_WAITING / Math.max(1, ranges.length)))) : null;
  const fetchBytes = Math.min(PARTITION_FETCH_MAX, Math.max(PARTITION_FETCH_MIN, Math.floor(FETCH_BUDGET_BYTES / Math.max(1, ranges.length))));

  const hint = filter.valueHint ? { needle: Buffer.from(filter.valueHint.needle), orBackslash: filter.valueHint.orBackslash } : null;

  let raw = await rawClusterFor(cluster);
  await raw.addTargetTopic(req.topic);
  // The scan client, like kafkajs' admin, keeps asking for every topic it ever read: when one was deleted
  // elsewhere its metadata requests fail, so it is replaced once (all partition loops share the new one).
  let replaced: Promise<void> | null = null;
  const replaceRaw = () =>
    (replaced ??= (async () => {
      resetRawCluster(cluster.id);
      raw = await rawClusterFor(cluster);
      await raw.addTargetTopic(req.topic);
    })());

  let scanned = 0;
  /** Matches found; with the merge, those handed out in order. */
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
  const ended = new Promise<void>((resolve) => local.signal.addEventListener("abort", () => resolve(), { once: true }));
  const run = filter.expression ? new FilterRun(filter.expression, { deadline, signal: local.signal }) : null;

  const flush = () => {
    if (pending.length) {
      sink.messages(pending);
      pending = [];
    }
  };
  const progress = () =>
    sink.progress({
      scanned,
      // "Latest N" hands its results out at the end; meanwhile it tells how many it holds.
      matched: latest ? latest.count : matched,
      elapsedMs: Date.now() - started,
      partitions: ranges.map(({ partition, position, end }) => ({ partition, position, end: Number.isFinite(end) ? end : -1 })),
      ...(run ? { evaluationErrors: run.errors } : {}),
    });
  const flushTimer = setInterval(flush, FLUSH_MS);
  const progressTimer = setInterval(progress, PROGRESS_MS);

  const checkLimits = () => {
    if (stop) return true;
    if (!opts.follow && matched >= req.limit) stop = "limit";
    else if (!opts.follow && scanned >= req.maxScanned) stop = "max-scanned";
    else if (Date.now() > deadline) stop = "timeout";
    if (stop) local.abort();
    return stop !== null;
  };

  const drainMerge = () => {
    if (!merge) return;
    const out = merge.take(req.limit - matched);
    matched += out.length;
    for (const m of out) pending.push(m);
    checkLimits();
  };

  const deliver = (found: ScannedMessage[]) => {
    if (!found.length) return;
    if (merge) {
      merge.push(found[0].partition, found);
      drainMerge();
    } else if (latest) {
      for (const m of found) latest.add(m);
    } else {
      matched += found.length;
      for (const m of found) pending.push(m);
    }
  };

  async function fetchPartition(range: PartitionRange): Promise<FetchedPartition | null> {
    let leaderRetries = 0;
    for (;;) {
      try {
        const leaders = raw.findLeaderForPartitions(req.topic, [range.partition]);
        const leaderId = Object.keys(leaders)[0];
        if (leaderId === undefined) throw Object.assign(new Error("no leader"), { type: "LEADER_NOT_AVAILABLE" });
        const broker = await raw.findBroker({ nodeId: leaderId });
        const response = await withTimeout(
          fetchRecordBytes(broker, {
            replicaId: -1,
            isolationLevel: 1,
            maxWaitTime: MAX_WAIT_MS,
            minBytes: 1,
            maxBytes: fetchBytes,
            topics: [{ topic: req.topic, partitions: [{ partition: range.partition, fetchOffset: String(range.position), maxBytes: fetchBytes }] }],
          }),
          kafkaRequestTimeoutMs() + 2000,
          "fetching messages",
        );
        return response.flatMap((t) => t.partitions).find((p) => p.partition === range.partition) ?? null;
      } catch (e) {
        const type = (e as { type?: string }).type;
        if (type === "OFFSET_OUT_OF_RANGE") {
          // Retention removed the records before our position: carry on from the log start.
          const admin = await adminFor(cluster);
          const low = Number((await admin.fetchTopicOffsets(req.topic)).find((o) => o.partition === range.partition)?.low ?? range.end);
          range.position = Math.max(range.position + 1, low);
          if (range.position >= range.end) return null;
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
    }
  }

  /**
   * The records of one fetch, read in place (record-batches.ts): nothing is made for a record the prefilter turns
   * down. When the filter says what a matching value must contain (valueHint), that is searched for once in the
   * whole answer (a native search over megabytes), and only records whose value holds a hit are asked at all.
   */
  function readRecords(range: PartitionRange, records: Buffer, candidates: Candidate[]) {
    const needleHits = hint ? occurrences(records, hint.needle) : null;
    const slashHits = hint?.orBackslash && needleHits ? occurrences(records, BACKSLASH) : null;
    // Too many hits (a needle common in the data) make the pass no cheaper than asking each record.
    const skipByHits = needleHits !== null && needleHits.length <= MAX_HITS && (slashHits === null || slashHits.length <= MAX_HITS);
    let n = 0;
    let b = 0;
    const probe = {
      key: null as Buffer | null,
      value: null as Buffer | null,
      partition: range.partition,
      offset: 0,
      timestamp: 0,
      at: { headerCount: 0, headersAt: 0 },
      get headers() {
        return recordHeaders(records, this.at);
      },
    };
    let stopped = false;
    const next = forEachRecord(records, (r) => {
      // A fetch returns whole batches: skip what lies before our position or at/after the captured end.
      if (r.offset < range.position) return;
      if (r.offset >= range.end) {
        range.position = range.end;
        stopped = true;
        return false;
      }
      if (!opts.follow && scanned >= req.maxScanned) {
        stopped = true;
        return false;
      }
      range.position = r.offset + 1;
      if (r.control) return;
      scanned++;
      if (skipByHits) {
        if (r.valueLength <= 0) return; // a null or empty value contains no needle
        const end = r.valueAt + r.valueLength;
        while (n < needleHits!.length && needleHits![n] < r.valueAt) n++;
        let hit = n < needleHits!.length && needleHits![n] < end;
        if (!hit && slashHits) {
          while (b < slashHits.length && slashHits[b] < r.valueAt) b++;
          hit = b < slashHits.length && slashHits[b] < end;
        }
        if (!hit) return;
      }
      probe.key = keyOf(records, r);
      probe.value = valueOf(records, r);
      probe.offset = r.offset;
      probe.timestamp = r.timestamp;
      probe.at.headerCount = r.headerCount;
      probe.at.headersAt = r.headersAt;
      if (!filter.prefilter(probe)) return;
      candidates.push({ key: probe.key, value: probe.value, headers: recordHeaders(records, r), partition: range.partition, offset: r.offset, timestamp: r.timestamp, rawOffset: String(r.offset) });
    });
    // Past the batch's last offset even when its last records are gone (compaction, transaction markers).
    if (!stopped && next !== null && next > range.position) range.position = Math.min(next, range.end);
  }

  /** Messages kafkajs decoded (batches record-batches.ts does not read). */
  function readMessages(range: PartitionRange, messages: RawMessage[], candidates: Candidate[]) {
    for (const m of messages) {
      const offset = Number(m.offset);
      if (offset < range.position) continue;
      if (offset >= range.end) {
        range.position = range.end;
        break;
      }
      if (!opts.follow && scanned >= req.maxScanned) break;
      range.position = offset + 1;
      if (m.isControlRecord) continue;
      scanned++;
      const c = { key: m.key, value: m.value, headers: headersOf(m), partition: range.partition, offset, timestamp: Number(m.timestamp), rawOffset: m.offset };
      if (filter.prefilter(c)) candidates.push(c);
    }
  }

  async function scanPartition(range: PartitionRange) {
    try {
      while (range.position < range.end && !checkLimits()) {
        if (merge && !merge.hasRoom(range.partition)) {
          await Promise.race([merge.room(range.partition), ended]);
          continue;
        }
        const response = await fetchPartition(range);
        if (!response) continue;
        const candidates: Candidate[] = [];
        if (plainBatchesOnly(response.records)) readRecords(range, response.records, candidates);
        else readMessages(range, await decodeWithKafkajs(response.records), candidates);
        const decode = decoding && candidates.length ? await decoding.prepare(candidates) : undefined;
        if (run && candidates.length) {
          const verdicts = await run.evaluate(range.partition, candidates, decode);
          if (verdicts === null) {
            checkLimits(); // the deadline passed, or the search was stopped, while the batch ran
            break;
          }
          deliver(candidates.filter((_, i) => verdicts[i] === 1).map(shownRow));
        } else deliver(candidates.map(shownRow));
        // Yield so that the flush and progress timers (and other scans) get their turn.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      merge?.finish(range.partition);
      drainMerge();
    }
  }

  let error: unknown = null;
  try {
    await Promise.all(ranges.map((r) => scanPartition(r)));
    if (latest) {
      const newest = latest.sorted();
      matched = newest.length;
      for (const m of newest) pending.push(m);
    }
  } catch (e) {
    error = e;
    local.abort();
  } finally {
    clearInterval(flushTimer);
    clearInterval(progressTimer);
    signal.removeEventListener("abort", onAbort);
    flush();
    progress();
  }
  if (error) throw error;
  return { reason: stop ?? "completed", scanned, matched, elapsedMs: Date.now() - started, ...(run ? { evaluationErrors: run.errors } : {}) };
}
