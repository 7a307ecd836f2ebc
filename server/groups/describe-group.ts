import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { estimateCatchUp, summarizeGroup } from "@/lib/groups/group-summary";
import type { GroupDetail, PartitionDetail } from "@/lib/groups/group-views";
import { partitionKey } from "@/lib/groups/lag-window";
import { partitionAnomaly } from "@/lib/groups/offset-anomalies";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs } from "@/server/config";
import { lagStateForPage } from "./lag-state-for-page";

export async function describeConsumerGroup(cluster: Cluster, groupId: string): Promise<GroupDetail> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  const { state, health } = await lagStateForPage(cluster);
  const g = state.latest.groups.find((x) => x.groupId === groupId);
  if (!g) throw new AppError("NOT_FOUND", { userMessage: `There is no consumer group "${groupId}" on ${cluster.name} (it may have been deleted, or has no offsets yet).` });
  const verdict = state.verdicts.get(groupId);
  const timeLags = state.timeLags.get(groupId);
  const statuses = new Map((verdict?.partitions ?? []).map((p) => [partitionKey(p.topic, p.partition), p]));
  const topics = new Map<string, GroupDetail["topics"][number]>();
  for (const p of g.partitions) {
    const t = topics.get(p.topic) ?? { topic: p.topic, totalLag: 0, partitions: [] };
    const key = partitionKey(p.topic, p.partition);
    const s = statuses.get(key);
    const row: PartitionDetail = {
      ...p,
      status: s?.status ?? "OK",
      rule: s?.rule ?? (p.committed === null ? "nothing committed" : "not judged yet"),
      judged: s?.judged ?? false,
      timeLag: timeLags?.partitions.get(key) ?? null,
      anomaly: partitionAnomaly(p),
    };
    t.partitions.push(row);
    t.totalLag += p.lag ?? 0;
    topics.set(p.topic, t);
  }
  const summary = summarizeGroup(g, verdict, timeLags?.group);
  return {
    summary,
    members: g.members,
    topics: [...topics.values()],
    catchUp: estimateCatchUp(state.windows.get(groupId)?.values() ?? [], summary.totalLag),
    takenAt: state.latest.takenAt,
    health,
    windowSize: state.options.windowSize,
    intervalMs,
    allowedLag: { cluster: state.options.allowedLag, group: state.options.allowedLagByGroup[groupId] ?? null },
    minimumComplete: state.options.minimumComplete,
  };
}
