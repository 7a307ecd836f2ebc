"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors/action-result";
import type { ClusterLagSettingsInput, ConfirmOffsetResetInput, DeleteGroupInput, GroupAllowedLagInput, LagHistoryWindow, OffsetResetInput } from "@/lib/groups/group-schemas";
import type { GroupSort } from "@/lib/groups/query-groups";
import type { LagStatus } from "@/lib/groups/lag-types";
import { saveClusterLagSettingsAction, saveGroupAllowedLagAction } from "@/server/actions/lag-settings-actions";
import { deleteConsumerGroupAction, previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import type { GroupDetail, GroupListAnswer, LagHistory } from "@/lib/groups/group-views";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const groupKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "groups", clusterId] as const,
  list: (clusterId: string, q: GroupListQuery) => [...groupKeys.all(clusterId), "list", q] as const,
  detail: (clusterId: string, group: string) => [...groupKeys.all(clusterId), "detail", group] as const,
  history: (clusterId: string, group: string, window: LagHistoryWindow) => [...groupKeys.all(clusterId), "history", group, window] as const,
};

export const GROUP_REFRESH_MS = 10_000;
// 50 rows a page: the first page comes inside the groups page's HTML (server/groups/group-page-reads.ts, the same size).
export const GROUP_PAGE_SIZE = 50;

export interface GroupListQuery {
  q: string;
  statuses: LagStatus[];
  sort: GroupSort;
  desc: boolean;
  page: number;
}

export function groupHref(clusterId: string, group: string): string {
  return `/clusters/${clusterId}/groups/view?group=${encodeURIComponent(group)}`;
}

/** `initialData`: the server-rendered first page (default query only). */
export function useGroupsQuery(clusterId: string, q: GroupListQuery, initialData?: GroupListAnswer | null) {
  const params = new URLSearchParams({ q: q.q, status: q.statuses.join(","), sort: q.sort, desc: String(q.desc), page: String(q.page), pageSize: String(GROUP_PAGE_SIZE) });
  return useQuery({
    queryKey: groupKeys.list(clusterId, q),
    queryFn: ({ signal }) => fetchJson<GroupListAnswer>(`/api/clusters/${clusterId}/groups?${params}`, signal),
    refetchInterval: GROUP_REFRESH_MS,
    placeholderData: keepPreviousData,
    initialData: initialData ?? undefined,
  });
}

/** While `sampleAfter` (ms, server time) is set and the page's sample is older, it asks every second. */
export function useGroupQuery(clusterId: string, group: string, sampleAfter: number | null = null) {
  return useQuery({
    queryKey: groupKeys.detail(clusterId, group),
    queryFn: ({ signal }) => fetchJson<GroupDetail>(`/api/clusters/${clusterId}/groups/detail?group=${encodeURIComponent(group)}`, signal),
    refetchInterval: (q) => (sampleAfter !== null && (q.state.data?.takenAt ?? 0) < sampleAfter ? 1000 : GROUP_REFRESH_MS),
  });
}

export function useLagHistoryQuery(clusterId: string, group: string, window: LagHistoryWindow) {
  return useQuery({
    queryKey: groupKeys.history(clusterId, group, window),
    queryFn: ({ signal }) => fetchJson<LagHistory>(`/api/clusters/${clusterId}/groups/history?group=${encodeURIComponent(group)}&window=${window}`, signal),
    refetchInterval: GROUP_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function usePreviewOffsetResetMutation() {
  return useMutation({ mutationFn: async (input: OffsetResetInput) => unwrap(await previewOffsetResetAction(input)) });
}

export function useResetOffsetsMutation(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ConfirmOffsetResetInput) => unwrap(await resetGroupOffsetsAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  });
}

export function useDeleteGroupMutation(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: DeleteGroupInput) => unwrap(await deleteConsumerGroupAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  });
}

/** Changing how statuses are judged re-judges the latest sample on the server: every group view changes. */
export function useSaveClusterLagSettingsMutation(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ClusterLagSettingsInput) => unwrap(await saveClusterLagSettingsAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  });
}

export function useSaveGroupAllowedLagMutation(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: GroupAllowedLagInput) => unwrap(await saveGroupAllowedLagAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  });
}
