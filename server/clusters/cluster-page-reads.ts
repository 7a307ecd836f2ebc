import "server-only";
import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { guardedQuery } from "@/server/guard/guarded-query";
import { toClusterView } from "./cluster-view";
import { listClusters } from "./list-clusters";
import { listTopicSummaries } from "@/server/topics/list-topic-summaries";

const FIRST_PAGE_BUDGET_MS = 800;

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute).
export const listClustersDef = { name: "listClusters", input: z.object({}), permission: "clusters:read" } satisfies GuardDefinition<z.ZodType>;

const byId = z.object({ id: clusterIdSchema });
export const clusterByIdDef: GuardDefinition<typeof byId, string> = {
  name: "getCluster",
  input: byId,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

export const listClustersQuery = guardedQuery(listClustersDef, (_, { principal }) => listClusters(principal));
export const getClusterQuery = guardedQuery(clusterByIdDef, async (_, { cluster }) => toClusterView(cluster));

/** The first page of the topic list, for the server-rendered cluster page (null when Kafka is slow to answer). */
export const firstTopicPageQuery = guardedQuery(clusterByIdDef, async (_, { cluster }) => {
  // Rows first (counts and groups follow from the browser's own request right after).
  const page = listTopicSummaries(cluster, { q: "", regex: false, includeInternal: false, sort: "name", desc: false, page: 0, pageSize: 50 }, { details: false });
  page.catch(() => {});
  // The page must not wait on a slow or dead cluster: the browser asks again and shows the error there.
  return Promise.race([page, new Promise<null>((r) => setTimeout(() => r(null), FIRST_PAGE_BUDGET_MS))]);
});
