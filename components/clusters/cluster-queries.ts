"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterOverview } from "@/lib/clusters/cluster-overview";
import type { ClusterInput, ClusterView, TestConnectionInput, UpdateClusterInput } from "@/lib/clusters/cluster-schema";
import { unwrap } from "@/lib/errors/action-result";
import {
  createClusterAction,
  deleteClusterAction,
  testConnectionAction,
  updateClusterAction,
} from "@/server/actions/cluster-actions";
import { fetchJson } from "@/components/ui/fetch-json";

export const clusterKeys = {
  all: ["clusters"] as const,
  list: () => [...clusterKeys.all, "list"] as const,
  detail: (id: string) => [...clusterKeys.all, "detail", id] as const,
  overview: (id: string) => [...clusterKeys.all, "overview", id] as const,
};

export const OVERVIEW_REFRESH_MS = 5_000;

export function useClustersQuery(initialData?: ClusterView[]) {
  return useQuery({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => fetchJson<ClusterView[]>("/api/clusters", signal),
    initialData,
  });
}

export function useClusterOverviewQuery(id: string) {
  return useQuery({
    queryKey: clusterKeys.overview(id),
    queryFn: ({ signal }) => fetchJson<ClusterOverview & { fetchedAt: string }>(`/api/clusters/${id}/overview`, signal),
    // Keeps refreshing, also while the cluster is unreachable, so the page recovers by itself.
    refetchInterval: OVERVIEW_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCreateClusterMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ClusterInput) => unwrap(await createClusterAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}

export function useUpdateClusterMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdateClusterInput) => unwrap(await updateClusterAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}

export function useDeleteClusterMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { id: string; confirmName: string }) => unwrap(await deleteClusterAction(input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}

export function useTestConnectionMutation() {
  return useMutation({
    mutationFn: async (input: TestConnectionInput) => unwrap(await testConnectionAction(input)),
  });
}
