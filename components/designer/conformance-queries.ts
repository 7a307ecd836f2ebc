"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DesignConformance, TopicConformance } from "@/lib/contracts/conformance";
import { fetchJson } from "@/components/ui/fetch-json";
import { useCan } from "@/components/auth/me-context";
import { designKeys } from "./design-queries";
import { useDesigner } from "./designer-store";

// Conformance of the open design's topics to their contracts (issue 19, item 7). One poller per designer asks
// the route every minute while the design is open and bound (the server samples a topic again only when its last
// sample is 5 minutes old), and only for those who may read messages; node badges and details read the answer
// from the cache without asking themselves, so a thousand nodes make no thousand requests.

export const conformanceKeys = {
  design: (id: string, clusterId: string | null, version: number) => [...designKeys.all, "conformance", id, clusterId, version] as const,
};

export const CONFORMANCE_POLL_MS = 60_000;

const url = (id: string, fresh: boolean) => `/api/designs/${id}/conformance${fresh ? "?fresh=true" : ""}`;

function useConformanceKey() {
  const designId = useDesigner((s) => s.designId);
  const clusterId = useDesigner((s) => s.clusterId);
  const version = useDesigner((s) => s.version);
  const may = useCan("messages:read", clusterId);
  return { key: conformanceKeys.design(designId, clusterId, version), designId, enabled: !!clusterId && may, may: !!clusterId && may, bound: !!clusterId };
}

/** Asks for the design's conformance while it is open (mounted once, in the designer's toolbar). */
export function ConformancePoller(): null {
  const { key, designId, enabled } = useConformanceKey();
  useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<DesignConformance>(url(designId, false), signal),
    enabled,
    // While a saved version's answer is read, the last one stays shown, never one cluster's for another.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[4] === key[4] ? prev : undefined),
    refetchInterval: (q) => (q.state.data?.bound === false ? false : CONFORMANCE_POLL_MS),
  });
  return null;
}

/** One topic node's conformance from the poller's answer (never asks the server itself). */
export function useTopicConformance(nodeId: string): { bound: boolean; may: boolean; data: TopicConformance | undefined; pending: boolean; error: Error | null } {
  const { key, may, bound } = useConformanceKey();
  const q = useQuery({
    queryKey: key,
    queryFn: (): Promise<DesignConformance> => Promise.reject(new Error("read from the poller only")),
    enabled: false,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[4] === key[4] ? prev : undefined),
    select: (d: DesignConformance) => d.nodes[nodeId],
  });
  return { bound, may, data: q.data, pending: q.isFetching, error: q.error };
}

/** Check now: every topic of the design sampled again (unless its last sample is seconds old). */
export function useCheckConformanceMutation() {
  const { key, designId } = useConformanceKey();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<DesignConformance>(url(designId, true)),
    onSuccess: (data) => qc.setQueryData(key, data),
  });
}
