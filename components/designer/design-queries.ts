"use client";
import { useQuery } from "@tanstack/react-query";
import type { DesignHead, DesignSummary, DesignView, RevisionComparison, RevisionSummary } from "@/lib/designs/design-views";
import type { DesignLiveAnswer } from "@/lib/groups/design-live";
import type { NodeDrift } from "@/lib/plan/drift";
import { fetchJson } from "@/components/ui/fetch-json";

export const designKeys = {
  all: ["designs"] as const,
  list: () => [...designKeys.all, "list"] as const,
  detail: (id: string) => [...designKeys.all, "detail", id] as const,
  revisions: (id: string) => [...designKeys.all, "revisions", id] as const,
  compare: (id: string, from: number, to: number) => [...designKeys.all, "compare", id, from, to] as const,
  /** Every drift answer of the design, for any cluster and version: what an apply makes stale. */
  drifts: (id: string) => [...designKeys.all, "drift", id] as const,
  drift: (id: string, clusterId: string | null, version: number) => [...designKeys.drifts(id), clusterId, version] as const,
  live: (id: string, clusterId: string | null, version: number) => [...designKeys.all, "live", id, clusterId, version] as const,
  head: (id: string) => [...designKeys.all, "head", id] as const,
};

const DRIFT_REFRESH_MS = 30_000;
const LIVE_POLL_MS = 5_000;
const HEAD_POLL_MS = 5_000;

export const fetchDesign = (id: string) => fetchJson<DesignView>(`/api/designs/${id}`);

export function useDesignsQuery(initialData?: DesignSummary[]) {
  return useQuery({ queryKey: designKeys.list(), queryFn: ({ signal }) => fetchJson<DesignSummary[]>("/api/designs", signal), initialData });
}

export function useRevisionsQuery(id: string, version: number) {
  // The version is part of the key so the list refreshes after each save.
  return useQuery({ queryKey: [...designKeys.revisions(id), version], queryFn: ({ signal }) => fetchJson<RevisionSummary[]>(`/api/designs/${id}/revisions`, signal) });
}

export function useCompareQuery(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: designKeys.compare(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => fetchJson<RevisionComparison>(`/api/designs/${id}/compare?from=${from}&to=${to}`, signal),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Infinity,
  });
}

/** How the bound cluster differs from each node; read again after each saved version and every 30 s. */
export function useDesignDriftQuery(id: string, clusterId: string | null, version: number) {
  return useQuery({
    queryKey: designKeys.drift(id, clusterId, version),
    queryFn: ({ signal }) => fetchJson<{ nodes: Record<string, NodeDrift>; checkedAt: string }>(`/api/designs/${id}/drift`, signal),
    enabled: !!clusterId,
    refetchInterval: DRIFT_REFRESH_MS,
  });
}

/**
 * Live lag, rates and throughput of the design's nodes on its bound cluster, polled while it is bound. A saved
 * change (a renamed topic or group) asks again at once instead of waiting for the next poll.
 */
export function useDesignLiveQuery(id: string, clusterId: string | null, version: number) {
  return useQuery({
    queryKey: designKeys.live(id, clusterId, version),
    queryFn: ({ signal }) => fetchJson<DesignLiveAnswer>(`/api/designs/${id}/live`, signal),
    enabled: !!clusterId,
    // Keep the badges while the next version is read, but never show one cluster's figures for another.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[3] === clusterId ? prev : undefined),
    refetchInterval: (q) => (q.state.data?.bound === false ? false : LIVE_POLL_MS),
  });
}

/**
 * The design's newest saved version, from the store, every 5 s: a save made in another tab, or through another
 * console instance behind the same load balancer, shows without reloading (remote-saves.tsx).
 */
export function useDesignHeadQuery(id: string, enabled = true) {
  return useQuery({
    queryKey: designKeys.head(id),
    queryFn: ({ signal }) => fetchJson<DesignHead>(`/api/designs/${id}/head`, signal),
    enabled,
    refetchInterval: HEAD_POLL_MS,
  });
}
