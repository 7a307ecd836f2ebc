import "server-only";
import type { Admin } from "kafkajs";
import { summarizeCluster, type ClusterOverview } from "@/lib/clusters/cluster-overview";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "../kafka/client-registry";
import { describeClusterLight } from "../kafka/metadata-request";
import { cachedTopicMetadata } from "../kafka/topic-metadata-cache";
import { withTimeout } from "../kafka/with-timeout";

// Racks come from each broker's config (kafkajs' metadata call drops them); they rarely change, so keep them a while.
const RACK_TTL_MS = 60_000;
const g = globalThis as unknown as { topiaryRacks?: Map<string, { at: number; racks: Map<number, string | null> }> };
const rackCache = (g.topiaryRacks ??= new Map());

async function brokerRacks(clusterId: string, admin: Admin, brokerIds: number[]): Promise<Map<number, string | null>> {
  const cached = rackCache.get(clusterId);
  if (cached && Date.now() - cached.at < RACK_TTL_MS && brokerIds.every((id) => cached.racks.has(id))) return cached.racks;
  const racks = new Map<number, string | null>();
  try {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: brokerIds.map((id) => ({ type: 4 /* BROKER */, name: String(id), configNames: ["broker.rack"] })),
    });
    for (const r of res.resources) {
      const value = r.configEntries.find((e) => e.configName === "broker.rack")?.configValue;
      racks.set(Number(r.resourceName), value || null);
    }
  } catch {
    // Not allowed to read broker configs (or a broker is down): show no rack rather than fail the overview.
    for (const id of brokerIds) racks.set(id, null);
  }
  rackCache.set(clusterId, { at: Date.now(), racks });
  return racks;
}

/** Brokers, controller, cluster id, topic and partition counts, under-replicated and offline partitions. */
export async function fetchClusterOverview(cluster: Cluster): Promise<ClusterOverview & { fetchedAt: string }> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const [described, topics] = await Promise.all([describeClusterLight(cluster), cachedTopicMetadata(cluster)]);
      const racks = await brokerRacks(cluster.id, admin, described.brokers.map((b) => b.nodeId));
      const overview = summarizeCluster({
        clusterId: described.clusterId,
        controllerId: described.controller,
        brokers: described.brokers.map((b) => ({ ...b, rack: racks.get(b.nodeId) ?? null })),
        topics,
      });
      return { ...overview, fetchedAt: new Date().toISOString() };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    "reading cluster metadata",
  );
}
