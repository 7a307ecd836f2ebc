"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors/action-result";
import type { ConfirmOffsetResetInput, LagHistoryWindow, OffsetResetInput } from "@/lib/lag/group-schemas";
import type { GroupSort } from "@/lib/lag/group-list";
import type { LagStatus } from "@/lib/lag/lag-types";
import { previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import type { GroupDetail, GroupListAnswer, LagHistory } from "@/lib/lag/group-views";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const groupKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "groups", clusterId] as const,
  list: (clusterId: string, q: GroupListQuery) => [...groupKeys.all(clusterId), "list", q] as const,
  detail: (clusterId: string, group: string) => [...groupKeys.all(clusterId), "detail", group] as const,
  history: (clusterId: string, group: string, window: LagHistoryWindow) => [...groupKeys.all(clusterId), "history", group, window] as const,
};

export const GROUP_REFRESH_MS = 10_000;
export const GROUP_PAGE_SIZE = 100;

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

export function useGroupsQuery(clusterId: string, q: GroupListQuery) {
  const params = new URLSearchParams({ q: q.q, status: q.statuses.join(","), sort: q.sort, desc: String(q.desc), page: String(q.page), pageSize: String(GROUP_PAGE_SIZE) });
  return useQuery({
    queryKey: groupKeys.list(clusterId, q),
    queryFn: ({ signal }) => fetchJson<GroupListAnswer>(`/api/clusters/${clusterId}/groups?${params}`, signal),
    refetchInterval: GROUP_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useGroupQuery(clusterId: string, group: string) {
  return useQuery({
    queryKey: groupKeys.detail(clusterId, group),
    queryFn: ({ signal }) => fetchJson<GroupDetail>(`/api/clusters/${clusterId}/groups/detail?group=${encodeURIComponent(group)}`, signal),
    refetchInterval: GROUP_REFRESH_MS,
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
