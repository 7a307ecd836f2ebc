import "server-only";
import { queryGroups, type GroupQuery } from "@/lib/groups/query-groups";
import { summarizeGroup } from "@/lib/groups/group-summary";
import type { GroupListAnswer } from "@/lib/groups/group-views";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs } from "@/server/config";
import { lagStateForPage } from "./lag-state-for-page";
import { lagSettingsView } from "./lag-settings";

// One sample's rows are the same for every page, search and sort of it: made once per state (20,000 groups).
const g = globalThis as unknown as { topiaryGroupRows?: WeakMap<object, ReturnType<typeof summarizeGroup>[]> };
const rowsOf = (g.topiaryGroupRows ??= new WeakMap());

/** Consumer groups of the cluster from the sampler's latest sample (taken now when older than the interval). */
export async function listConsumerGroups(cluster: Cluster, query: GroupQuery): Promise<GroupListAnswer> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  const { state, health } = await lagStateForPage(cluster);
  let summaries = rowsOf.get(state);
  if (!summaries) {
    summaries = state.latest.groups.map((grp) => summarizeGroup(grp, state.verdicts.get(grp.groupId), state.timeLags.get(grp.groupId)?.group));
    rowsOf.set(state, summaries);
  }
  return {
    ...queryGroups(summaries, query),
    takenAt: state.latest.takenAt,
    tookMs: state.latest.tookMs,
    intervalMs,
    health,
    settings: lagSettingsView(state.options),
  };
}
