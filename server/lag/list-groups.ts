import "server-only";
import { queryGroups, type GroupQuery } from "@/lib/lag/group-list";
import { summarizeGroup } from "@/lib/lag/group-summary";
import type { GroupListAnswer } from "@/lib/lag/group-views";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs } from "@/server/config";
import { freshLagState } from "./lag-sampler";

/** Consumer groups of the cluster from the sampler's latest sample (taken now when older than the interval). */
export async function listConsumerGroups(cluster: Cluster, query: GroupQuery): Promise<GroupListAnswer> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  // A page shows the latest sample (refreshed behind it when older than an interval); it waits only for the first.
  const state = await freshLagState(cluster, intervalMs + 5_000, intervalMs * 5 + 30_000);
  const summaries = state.latest.groups.map((g) => summarizeGroup(g, state.verdicts.get(g.groupId)));
  return { ...queryGroups(summaries, query), takenAt: state.latest.takenAt, tookMs: state.latest.tookMs, intervalMs };
}
