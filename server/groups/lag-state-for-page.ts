import "server-only";
import { sampleHealth, type SampleHealth } from "@/lib/groups/sample-health";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs } from "@/server/config";
import { freshLagState, knownLag, sampleCluster, type KnownLag } from "./lag-sampler";
import { leasedElsewhere } from "./sampler-lease";
import type { ClusterLagState } from "./lag-state";

export interface PageLagState {
  state: ClusterLagState;
  /** Whether `state` is current, late, or the last one before the cluster became unreachable. */
  health: SampleHealth;
}

/**
 * The cluster's lag state for the groups pages, with how current it is. On the instance that samples the cluster:
 * the latest sample (refreshed behind it when older than an interval), waiting only for the first; once a sample
 * has failed after the latest one, pages answer at once with that latest one marked unreachable (and the error),
 * while the sampler keeps trying behind them: they neither hang on a dead cluster nor show its last state as
 * current. On the other instances: what the leader stored, with its error, judged for age the same way.
 */
export async function lagStateForPage(cluster: Cluster): Promise<PageLagState> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  const health = (state: ClusterLagState, known: KnownLag) =>
    sampleHealth({ takenAt: state.latest.takenAt, now: Date.now(), intervalMs, error: known.error, samplingSince: known.samplingSince });
  const known = await knownLag(cluster);
  // Another instance samples it: what it stored. (When nobody does — it died and its lease ran out, or sampling
  // is off — this instance takes the lease below and samples.)
  if (known.state && !known.leader && (await leasedElsewhere(cluster.id))) return { state: known.state, health: health(known.state, known) };
  if (known.state && known.error && known.error.at >= known.state.latest.takenAt) {
    sampleCluster(cluster).catch(() => {});
    return { state: known.state, health: health(known.state, known) };
  }
  try {
    const state = await freshLagState(cluster, intervalMs + 5_000, intervalMs * 5 + 30_000);
    return { state, health: health(state, await knownLag(cluster)) };
  } catch (e) {
    // No sample to fall back on: the page says why there is none.
    const last = await knownLag(cluster);
    if (!last.state) throw e;
    return { state: last.state, health: health(last.state, last) };
  }
}
