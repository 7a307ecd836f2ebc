import "server-only";
import { clusterByIdDef } from "@/server/clusters/cluster-page-reads";
import { guardedQuery } from "@/server/guard/guarded-query";
import { listConsumerGroups } from "./list-consumer-groups";

const FIRST_PAGE_BUDGET_MS = 800;

/**
 * The first page of the groups list (the list's default order: most lag first, 50 rows as GROUP_PAGE_SIZE), for the server-rendered
 * groups page: the rows come with the page instead of after the browser has loaded and asked (null when the first
 * sample is not there within the budget: the browser asks then, and shows the wait).
 */
export const firstGroupPageQuery = guardedQuery({ ...clusterByIdDef, name: "listConsumerGroups" }, async (_, { cluster }) => {
  const page = listConsumerGroups(cluster, { q: "", statuses: [], sort: "totalLag", desc: true, page: 0, pageSize: 50 });
  page.catch(() => {});
  return Promise.race([page, new Promise<null>((r) => setTimeout(() => r(null), FIRST_PAGE_BUDGET_MS))]);
});
