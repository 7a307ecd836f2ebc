import "server-only";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { prisma } from "@/server/db/prisma";
import { toClusterView } from "./cluster-view";

export async function listClusters(): Promise<ClusterView[]> {
  const rows = await prisma.cluster.findMany({ orderBy: { name: "asc" } });
  return rows.map(toClusterView);
}
