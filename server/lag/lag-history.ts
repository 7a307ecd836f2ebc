import "server-only";
import { LAG_HISTORY_WINDOWS, type LagHistoryWindow } from "@/lib/lag/group-schemas";
import type { LagHistory } from "@/lib/lag/group-views";
import { prisma } from "@/server/db/prisma";

/** The group's lag over the window, per topic and in total, from the sampler's stored points. */
export async function lagHistory(clusterId: string, groupId: string, window: LagHistoryWindow): Promise<LagHistory> {
  const since = new Date(Date.now() - LAG_HISTORY_WINDOWS[window] * 60_000);
  const rows = await prisma.lagPoint.findMany({
    where: { clusterId, groupId, at: { gte: since } },
    orderBy: { at: "asc" },
    select: { at: true, topic: true, lag: true },
    take: 200_000,
  });
  const topics = [...new Set(rows.map((r) => r.topic))].sort();
  const times = [...new Set(rows.map((r) => r.at.getTime()))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const series: Record<string, (number | null)[]> = Object.fromEntries(topics.map((t) => [t, new Array(times.length).fill(null)]));
  const total: (number | null)[] = new Array(times.length).fill(null);
  for (const r of rows) {
    const i = index.get(r.at.getTime())!;
    series[r.topic][i] = r.lag;
    total[i] = (total[i] ?? 0) + r.lag;
  }
  return { window, topics, times, series, total };
}
