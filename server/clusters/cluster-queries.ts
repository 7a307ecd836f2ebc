import "server-only";
import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { guardedQuery } from "@/server/guard/guarded-query";
import { toClusterView } from "./cluster-view";
import { listClusters } from "./list-clusters";

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute).
export const listClustersDef = { name: "listClusters", input: z.object({}), permission: "clusters:read" } satisfies GuardDefinition<z.ZodType>;

const byId = z.object({ id: clusterIdSchema });
export const clusterByIdDef: GuardDefinition<typeof byId> = {
  name: "getCluster",
  input: byId,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

export const listClustersQuery = guardedQuery(listClustersDef, () => listClusters());
export const getClusterQuery = guardedQuery(clusterByIdDef, async (_, { cluster }) => toClusterView(cluster!));
