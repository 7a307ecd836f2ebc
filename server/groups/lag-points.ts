import "server-only";
import { BUCKET_SECONDS, decodeLagHour, encodeLagHour, hourAndSlot, type LagBucket } from "@/lib/groups/lag-hour-codec";
import { STATUS_SEVERITY } from "@/lib/groups/lag-types";
import type { Prisma } from "@/prisma/generated/client";
import { lagRawMaxPoints, lagRawRetentionHours, lagRetentionDays, lagSampleIntervalMs } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { insertLagHours, insertLagPoints, type PointRow } from "./lag-bulk-writes";
import type { ClusterLagState } from "./lag-state";

// Lag history in the store, in two bounded tiers (the README's "Lag history" section has the figures):
//   raw   — one LagPoint per series (group and topic) per sample, written by the sampling leader in batches inside
//           its round's transaction; kept for the raw window: TOPIARY_LAG_RAW_HOURS, shortened when the cluster's
//           series would need more than TOPIARY_LAG_RAW_POINTS rows for it (never below 15 minutes);
//   hours — every 5-minute bucket older than the raw window folded (mean lag, last offsets, worst status) into
//           its hour's packed row of twelve buckets, one LagHour row per series and hour; kept
//           TOPIARY_LAG_RETENTION_DAYS.
// A series is a small row of its own, so a point is about 70 bytes and the chart reads one index.

const HOUR_MS = 3600_000;
const BUCKET_MS = BUCKET_SECONDS * 1000;
const WRITE_CHUNK = 4000;
/** Items of one `in (…)` list (SQLite's old default limit of bound values is 999). */
const READ_CHUNK = 500;
/** The raw window is never shorter than the shortest chart window. */
const MIN_RAW_MS = 15 * 60_000;
/** Raw points beyond the window before their bucket is folded: a bucket, and the time between two folds. */
const FOLD_SLACK_MS = 10 * 60_000;
/** How long one run folds at most (a long backlog is folded over several runs). */
const FOLD_BUDGET_MS = 30_000;

type Db = Prisma.TransactionClient | typeof prisma;

/** One series' figures in one sample. */
export interface LagPointRow {
  groupId: string;
  topic: string;
  lag: number;
  committed: number;
  endOffset: number;
  status: number;
}

/** The sample's rows: per group and topic, sums over the topic's partitions whose lag is known. */
export function lagPointRows(state: ClusterLagState): LagPointRow[] {
  const rows: LagPointRow[] = [];
  for (const g of state.latest.groups) {
    const status = STATUS_SEVERITY[state.verdicts.get(g.groupId)?.status ?? "OK"];
    let topic: string | null = null;
    let row: LagPointRow | null = null;
    // Partitions come sorted by topic: one running row per topic.
    for (const p of g.partitions) {
      if (p.topic !== topic) {
        if (row && row.status >= 0) rows.push(row);
        topic = p.topic;
        row = { groupId: g.groupId, topic, lag: 0, committed: 0, endOffset: 0, status: -1 };
      }
      if (p.lag !== null && p.committed !== null && p.end !== null) {
        row!.lag += p.lag;
        row!.committed += p.committed;
        row!.endOffset += p.end;
        row!.status = status;
      }
    }
    if (row && row.status >= 0) rows.push(row);
  }
  return rows;
}

// Series ids per cluster, so a round writes points without asking for them (one per server process).
const g = globalThis as unknown as { topiaryLagSeries?: Map<string, Map<string, number>> };
const seriesIds: Map<string, Map<string, number>> = (g.topiaryLagSeries ??= new Map());
const seriesKey = (groupId: string, topic: string) => `${groupId}\u0000${topic}`;

/** The ids of the rows' series, created when new. Outside the round's transaction: a series row is harmless alone. */
export async function ensureSeries(clusterId: string, rows: readonly Pick<LagPointRow, "groupId" | "topic">[]): Promise<Map<string, number>> {
  let ids = seriesIds.get(clusterId);
  if (!ids) {
    ids = new Map();
    for (const s of await prisma.lagSeries.findMany({ where: { clusterId }, select: { id: true, groupId: true, topic: true } })) ids.set(seriesKey(s.groupId, s.topic), s.id);
    seriesIds.set(clusterId, ids);
  }
  const missing = new Map<string, { groupId: string; topic: string }>();
  for (const r of rows) {
    const key = seriesKey(r.groupId, r.topic);
    if (!ids.has(key)) missing.set(key, { groupId: r.groupId, topic: r.topic });
  }
  if (missing.size) {
    const wanted = [...missing.values()];
    for (let i = 0; i < wanted.length; i += WRITE_CHUNK) {
      const part = wanted.slice(i, i + WRITE_CHUNK).map((s) => ({ clusterId, ...s }));
      // Another instance (a leader that just lost its lease) may have created some: then one by one.
      await prisma.lagSeries.createMany({ data: part }).catch(async () => {
        for (const s of part) await prisma.lagSeries.create({ data: s }).catch(() => {});
      });
    }
    const groupIds = [...new Set(wanted.map((s) => s.groupId))];
    // An `in` list is one bound value per item: SQLite through Prisma's adapter refuses more than 999 of them
    // ("the query parameter limit supported by your database is exceeded", seen with 20,000 new groups).
    for (let i = 0; i < groupIds.length; i += READ_CHUNK) {
      const found = await prisma.lagSeries.findMany({ where: { clusterId, groupId: { in: groupIds.slice(i, i + READ_CHUNK) } }, select: { id: true, groupId: true, topic: true } });
      for (const s of found) ids.set(seriesKey(s.groupId, s.topic), s.id);
    }
  }
  return ids;
}

/** Forgets the cached series ids of a cluster (its series were pruned, or it was removed). */
export function forgetSeries(clusterId: string): void {
  seriesIds.delete(clusterId);
}

/** Writes the sample's raw points in one batch (`db` is the round's transaction). */
export async function writeLagPoints(db: Db, ids: Map<string, number>, rows: readonly LagPointRow[], at: Date): Promise<number> {
  const data: PointRow[] = [];
  for (const r of rows) {
    const seriesId = ids.get(seriesKey(r.groupId, r.topic));
    if (seriesId !== undefined) data.push({ seriesId, lag: r.lag, committed: r.committed, endOffset: r.endOffset, status: r.status });
  }
  await insertLagPoints(db, at, data);
  return data.length;
}

/** Records one sample's points (outside any round: tests and tools). */
export async function recordLagPoints(clusterId: string, state: ClusterLagState): Promise<number> {
  const rows = lagPointRows(state);
  const ids = await ensureSeries(clusterId, rows);
  return writeLagPoints(prisma, ids, rows, new Date(state.latest.takenAt));
}

/**
 * How long raw points are kept for a cluster with `series` series sampled every `intervalMs` (ms): the raw hours
 * setting, shortened so the raw tier stays within TOPIARY_LAG_RAW_POINTS rows (the fold runs every 5 minutes on
 * whole 5-minute buckets, so up to 10 minutes more than the window are raw at times: that is counted in).
 */
export function rawWindowMs(series: number, intervalMs = lagSampleIntervalMs() || 15_000): number {
  const configured = lagRawRetentionHours() * HOUR_MS;
  if (series <= 0) return configured;
  const perMs = series / intervalMs;
  const fits = lagRawMaxPoints() / perMs - FOLD_SLACK_MS;
  return Math.max(MIN_RAW_MS, Math.min(configured, fits));
}

export interface PruneResult {
  /** 5-minute buckets folded, raw points they held, and rows dropped past the retention. */
  buckets: number;
  folded: number;
  dropped: number;
}

/**
 * The cluster's history kept within its bounds: whole 5-minute buckets older than the raw window folded into
 * their hour's packed row (oldest first, for at most FOLD_BUDGET_MS per run), hours and raw points past the
 * retention dropped, and series left without points removed. `series` is how many series a sample of the cluster
 * writes (for the raw window); run by the cluster's sampling leader every few minutes.
 */
export async function pruneLagPoints(clusterId: string, series: number, now = Date.now()): Promise<PruneResult> {
  const inCluster = { series: { clusterId } };
  const retention = new Date(Math.floor((now - lagRetentionDays() * 86400_000) / HOUR_MS) * HOUR_MS);
  let dropped = (await prisma.lagHour.deleteMany({ where: { hour: { lt: retention }, ...inCluster } })).count;
  dropped += (await prisma.lagPoint.deleteMany({ where: { at: { lt: retention }, ...inCluster } })).count;

  const foldBefore = Math.floor((now - rawWindowMs(series)) / BUCKET_MS) * BUCKET_MS;
  const started = Date.now();
  let buckets = 0;
  let folded = 0;
  while (Date.now() - started < FOLD_BUDGET_MS) {
    const oldest = await prisma.lagPoint.findFirst({ where: { at: { lt: new Date(foldBefore) }, ...inCluster }, orderBy: { at: "asc" }, select: { at: true } });
    if (!oldest) break;
    folded += await foldBucket(clusterId, Math.floor(oldest.at.getTime() / BUCKET_MS) * BUCKET_MS);
    buckets++;
  }
  if (dropped || buckets) {
    const gone = await prisma.lagSeries.deleteMany({ where: { clusterId, points: { none: {} }, hours: { none: {} } } });
    if (gone.count) forgetSeries(clusterId);
  }
  return { buckets, folded, dropped };
}

/**
 * Folds one 5-minute bucket of the cluster's raw points into the packed rows of its hour (added to what the hour
 * already holds), and removes those raw points, in one transaction: the chart never sees a bucket twice or not at all.
 */
async function foldBucket(clusterId: string, from: number): Promise<number> {
  const inCluster = { series: { clusterId } };
  const { hour, slot } = hourAndSlot(from);
  const range = { gte: new Date(from), lt: new Date(from + BUCKET_MS) };
  const groups = await prisma.lagPoint.groupBy({
    by: ["seriesId"],
    where: { at: range, ...inCluster },
    _avg: { lag: true },
    _max: { committed: true, endOffset: true, status: true },
    _count: { _all: true },
  });
  const at = new Date(hour);
  // The hour's packed rows of the cluster so far (other buckets already folded), rewritten with this bucket added.
  const merged = new Map<number, LagBucket[]>();
  for (const r of await prisma.lagHour.findMany({ where: { hour: at, ...inCluster }, select: { seriesId: true, buckets: true } })) merged.set(r.seriesId, decodeLagHour(r.buckets));
  let points = 0;
  for (const row of groups) {
    points += row._count._all;
    const bucket: LagBucket = { slot, lag: Math.round(row._avg.lag ?? 0), committed: row._max.committed ?? 0, endOffset: row._max.endOffset ?? 0, status: row._max.status ?? 0 };
    merged.set(row.seriesId, [...(merged.get(row.seriesId) ?? []).filter((b) => b.slot !== slot), bucket]);
  }
  const data = [...merged].map(([seriesId, buckets]) => ({ seriesId, buckets: encodeLagHour(buckets) }));
  await prisma.$transaction(
    async (tx) => {
      await tx.lagHour.deleteMany({ where: { hour: at, ...inCluster } });
      await insertLagHours(tx, at, data);
      await tx.lagPoint.deleteMany({ where: { at: range, ...inCluster } });
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  return points;
}
