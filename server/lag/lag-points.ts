import "server-only";
import { STATUS_SEVERITY, type LagStatus } from "@/lib/lag/lag-types";
import { lagRawRetentionHours, lagRetentionDays } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import type { ClusterLagState } from "./lag-sampler";

// Lag history in the database: one row per group and topic per sample; raw rows older than the raw retention
// are folded into 5-minute buckets (mean lag, last offsets, worst status), and buckets older than the
// retention are dropped. Bounded however long the console runs.

export const BUCKET_SECONDS = 300;

/** Writes one row per group and topic of the sample (sums over the topic's partitions with known lag). */
export async function recordLagPoints(clusterId: string, state: ClusterLagState, resolutionSeconds: number): Promise<number> {
  const at = new Date(state.latest.takenAt);
  const rows: { clusterId: string; groupId: string; topic: string; at: Date; resolution: number; lag: number; committed: number; endOffset: number; status: string }[] = [];
  for (const g of state.latest.groups) {
    const status = state.verdicts.get(g.groupId)?.status ?? "OK";
    const byTopic = new Map<string, { lag: number; committed: number; end: number; known: number }>();
    for (const p of g.partitions) {
      const t = byTopic.get(p.topic) ?? { lag: 0, committed: 0, end: 0, known: 0 };
      if (p.lag !== null && p.committed !== null && p.end !== null) {
        t.lag += p.lag;
        t.committed += p.committed;
        t.end += p.end;
        t.known++;
      }
      byTopic.set(p.topic, t);
    }
    for (const [topic, t] of byTopic) {
      if (!t.known) continue;
      rows.push({ clusterId, groupId: g.groupId, topic, at, resolution: resolutionSeconds, lag: t.lag, committed: t.committed, endOffset: t.end, status });
    }
  }
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) await prisma.lagPoint.createMany({ data: rows.slice(i, i + 500) });
  return rows.length;
}

/** Folds raw rows older than the raw retention into 5-minute buckets, and drops buckets past the retention. */
export async function pruneLagPoints(now = Date.now()): Promise<{ folded: number; dropped: number }> {
  const rawCutoff = new Date(now - lagRawRetentionHours() * 3600_000);
  const cutoff = new Date(now - lagRetentionDays() * 86400_000);
  const dropped = (await prisma.lagPoint.deleteMany({ where: { at: { lt: cutoff } } })).count;
  let folded = 0;
  // One 5-minute bucket at a time, oldest first, each in one transaction (insert its rows, delete the raw ones).
  for (;;) {
    const oldest = await prisma.lagPoint.findFirst({ where: { at: { lt: rawCutoff }, resolution: { lt: BUCKET_SECONDS } }, orderBy: { at: "asc" } });
    if (!oldest) break;
    const from = new Date(bucketOf(oldest.at) * BUCKET_SECONDS * 1000);
    const to = new Date(from.getTime() + BUCKET_SECONDS * 1000);
    if (to > rawCutoff) break; // whole buckets only: this one is still filling

    const where = { at: { gte: from, lt: to }, resolution: { lt: BUCKET_SECONDS } };
    const raw = await prisma.lagPoint.findMany({ where });
    const buckets = new Map<string, { clusterId: string; groupId: string; topic: string; lagSum: number; n: number; committed: number; endOffset: number; status: LagStatus }>();
    for (const r of raw) {
      const key = `${r.clusterId}\u0000${r.groupId}\u0000${r.topic}`;
      const b = buckets.get(key) ?? { clusterId: r.clusterId, groupId: r.groupId, topic: r.topic, lagSum: 0, n: 0, committed: 0, endOffset: 0, status: "OK" as LagStatus };
      b.lagSum += r.lag;
      b.n++;
      b.committed = Math.max(b.committed, r.committed);
      b.endOffset = Math.max(b.endOffset, r.endOffset);
      const s = r.status as LagStatus;
      if ((STATUS_SEVERITY[s] ?? 0) > STATUS_SEVERITY[b.status]) b.status = s;
      buckets.set(key, b);
    }
    const data = [...buckets.values()].map((b) => ({
      clusterId: b.clusterId,
      groupId: b.groupId,
      topic: b.topic,
      at: from,
      resolution: BUCKET_SECONDS,
      lag: Math.round(b.lagSum / b.n),
      committed: b.committed,
      endOffset: b.endOffset,
      status: b.status,
    }));
    await prisma.$transaction([
      ...chunks(data, 500).map((part) => prisma.lagPoint.createMany({ data: part })),
      prisma.lagPoint.deleteMany({ where }),
    ]);
    folded += raw.length;
  }
  return { folded, dropped };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function bucketOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / BUCKET_SECONDS);
}
