import "server-only";
import { can, type Principal } from "@/lib/auth/permissions";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { prisma } from "@/server/db/prisma";
import { toClusterView } from "./cluster-view";

/** The clusters the principal may read (a viewer on "prod" only sees "prod"). */
export async function listClusters(principal: Principal): Promise<ClusterView[]> {
  const rows = await prisma.cluster.findMany({ orderBy: { name: "asc" } });
  return rows.filter((c) => can(principal, "clusters:read", c.id)).map(toClusterView);
}
