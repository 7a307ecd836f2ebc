import "server-only";
import { LAG_HISTORY_WINDOWS, type LagHistoryWindow } from "@/lib/groups/group-schemas";
import type { LagHistory } from "@/lib/groups/group-views";
import { BUCKET_SECONDS, decodeLagHour } from "@/lib/groups/lag-hour-codec";
import { prisma } from "@/server/db/prisma";

const HOUR_MS = 3600_000;

/**
 * The group's lag over the window, per topic and in total: raw points for the recent part, 5-minute buckets for
 * the older part (the two never overlap: an hour is folded and its raw points removed in one transaction). Three
 * reads by index: the group's series (LagSeries' unique index), their points by (series, time), their hours by
 * (series, hour).
 */
export async function lagHistory(clusterId: string, groupId: string, window: LagHistoryWindow): Promise<LagHistory> {
  const sinceMs = Date.now() - LAG_HISTORY_WINDOWS[window] * 60_000;
  const since = new Date(sinceMs);
  const series = await prisma.lagSeries.findMany({ where: { clusterId, groupId }, select: { id: true, topic: true } });
  const ids = series.map((s) => s.id);
  const topicOf = new Map(series.map((s) => [s.id, s.topic]));
  const [raw, hours] = ids.length
    ? await Promise.all([
        prisma.lagPoint.findMany({ where: { seriesId: { in: ids }, at: { gte: since } }, select: { seriesId: true, at: true, lag: true }, take: 200_000 }),
        prisma.lagHour.findMany({ where: { seriesId: { in: ids }, hour: { gte: new Date(Math.floor(sinceMs / HOUR_MS) * HOUR_MS) } }, select: { seriesId: true, hour: true, buckets: true } }),
      ])
    : [[], []];

  const points: { topic: string; at: number; lag: number }[] = [];
  for (const h of hours) {
    const topic = topicOf.get(h.seriesId)!;
    for (const b of decodeLagHour(h.buckets)) {
      const at = h.hour.getTime() + b.slot * BUCKET_SECONDS * 1000;
      if (at >= sinceMs) points.push({ topic, at, lag: b.lag });
    }
  }
  for (const r of raw) points.push({ topic: topicOf.get(r.seriesId)!, at: r.at.getTime(), lag: r.lag });

  const topics = [...new Set(points.map((p) => p.topic))].sort();
  const times = [...new Set(points.map((p) => p.at))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const perTopic: Record<string, (number | null)[]> = Object.fromEntries(topics.map((t) => [t, new Array(times.length).fill(null)]));
  const total: (number | null)[] = new Array(times.length).fill(null);
  for (const p of points) {
    const i = index.get(p.at)!;
    perTopic[p.topic][i] = p.lag;
    total[i] = (total[i] ?? 0) + p.lag;
  }
  return { window, topics, times, series: perTopic, total };
}
