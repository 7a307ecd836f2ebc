"use client";
import { useQuery } from "@tanstack/react-query";
import type { DesignSummary, DesignView, RevisionComparison, RevisionSummary } from "@/lib/designs/design-views";
import { fetchJson } from "@/components/ui/fetch-json";

export const designKeys = {
  all: ["designs"] as const,
  list: () => [...designKeys.all, "list"] as const,
  detail: (id: string) => [...designKeys.all, "detail", id] as const,
  revisions: (id: string) => [...designKeys.all, "revisions", id] as const,
  compare: (id: string, from: number, to: number) => [...designKeys.all, "compare", id, from, to] as const,
};

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
