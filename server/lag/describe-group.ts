import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { estimateCatchUp, summarizeGroup } from "@/lib/lag/group-summary";
import type { GroupDetail } from "@/lib/lag/group-views";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs, lagWindowSize } from "@/server/config";
import { freshLagState } from "./lag-sampler";

export async function describeConsumerGroup(cluster: Cluster, groupId: string): Promise<GroupDetail> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  // A page shows the latest sample (refreshed behind it when older than an interval); it waits only for the first.
  const state = await freshLagState(cluster, intervalMs + 5_000, intervalMs * 5 + 30_000);
  const g = state.latest.groups.find((x) => x.groupId === groupId);
  if (!g) throw new AppError("NOT_FOUND", { userMessage: `There is no consumer group "${groupId}" on ${cluster.name} (it may have been deleted, or has no offsets yet).` });
  const verdict = state.verdicts.get(groupId);
  const statuses = new Map((verdict?.partitions ?? []).map((p) => [`${p.topic}\u0000${p.partition}`, p]));
  const topics = new Map<string, GroupDetail["topics"][number]>();
  for (const p of g.partitions) {
    const t = topics.get(p.topic) ?? { topic: p.topic, totalLag: 0, partitions: [] };
    const s = statuses.get(`${p.topic}\u0000${p.partition}`);
    t.partitions.push({ ...p, status: s?.status ?? "OK", rule: s?.rule ?? (p.committed === null ? "nothing committed" : "not judged yet") });
    t.totalLag += p.lag ?? 0;
    topics.set(p.topic, t);
  }
  const summary = summarizeGroup(g, verdict);
  return {
    summary,
    members: g.members,
    topics: [...topics.values()],
    catchUp: estimateCatchUp(state.windows.get(groupId)?.values() ?? [], summary.totalLag),
    takenAt: state.latest.takenAt,
    windowSize: lagWindowSize(),
    intervalMs,
  };
}
