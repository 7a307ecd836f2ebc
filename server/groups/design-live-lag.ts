import "server-only";
import { designLive, type DesignLiveAnswer } from "@/lib/groups/design-live";
import type { Cluster } from "@/prisma/generated/client";
import { designConnectorsLive } from "@/server/connect/design-connectors-live";
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
  const topology = parseTopology(design.topology);
  // Connectors' states from Kafka Connect (issue 14) alongside the lag sampler's figures; never fails them.
  const [state, connectors] = await Promise.all([freshLagState(cluster, MAX_AGE_MS), designConnectorsLive(cluster, topology).catch(() => ({}))]);
  const live = designLive(topology, state.latest, state.previous, state.verdicts, state.windows);
  return { bound: true, clusterName: cluster.name, ...live, nodes: { ...live.nodes, ...connectors } };
}
