import "server-only";
import { designLive, type DesignLiveAnswer } from "@/lib/lag/design-live";
import type { Cluster } from "@/prisma/generated/client";
import { findDesign, parseTopology } from "@/server/designs/design-records";
import { freshLagState } from "./lag-sampler";

/** The canvas polls every 5 s: a sample older than that is taken again (shared with any in flight). */
const MAX_AGE_MS = 5_000;

/**
 * Live lag, rates and throughput for the design's saved topology, from the lag sampler's two newest samples
 * of its bound cluster. `cluster` is the one the guard loaded; null when the design is bound to none.
 */
export async function designLiveLag(designId: string, cluster: Cluster | null): Promise<DesignLiveAnswer> {
  if (!cluster) return { bound: false };
  const design = await findDesign(designId);
  const state = await freshLagState(cluster, MAX_AGE_MS);
  return { bound: true, clusterName: cluster.name, ...designLive(parseTopology(design.topology), state.latest, state.previous, state.verdicts) };
}
