import type { Cluster } from "@/prisma/generated/client";
import type { LagState } from "@/lib/groups/advance-lag-state";

/**
 * What the sampler holds per cluster between samples, and hands to its listeners (history, alerts): the latest
 * sample and the one before it, the status windows and verdicts, the end-offset history and time lags, and the
 * retention-loss count (lib/groups/advance-lag-state.ts).
 */
export type ClusterLagState = LagState;

export type LagListener = (cluster: Cluster, state: ClusterLagState) => Promise<void>;
