"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { DesignConnectorValidation, ValidateDesignConnectorInput } from "@/lib/connect/design-connector-validation";
import { unwrap } from "@/lib/errors/action-result";
import { validateDesignConnectorAction } from "@/server/actions/design-connector-actions";
import type { ConnectClusterStatus } from "@/lib/connect/connect-types";
import { connectKeys } from "@/components/connect/connect-queries";
import { fetchJson } from "@/components/ui/fetch-json";
import { designKeys } from "./design-queries";

// Connect's check of the selected connector node while it is edited (issue 14, item 5): asked 700 ms after the
// last change, one answer per distinct node state (the previous one kept while the next is asked), never polled.

const DEBOUNCE_MS = 700;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function useConnectorValidationQuery(input: ValidateDesignConnectorInput, clusterId: string | null, enabled: boolean) {
  // Debounced as text: a re-render with the same node does not restart the wait.
  const settledText = useDebounced(JSON.stringify(input), DEBOUNCE_MS);
  const settled = useMemo(() => JSON.parse(settledText) as ValidateDesignConnectorInput, [settledText]);
  return useQuery({
    queryKey: [...designKeys.all, "connector-validation", settled.designId, clusterId, settledText] as const,
    queryFn: async (): Promise<DesignConnectorValidation> => unwrap(await validateDesignConnectorAction(settled)),
    enabled: enabled && !!clusterId,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The bound cluster's Connect clusters (names and plugins), shared with the Connect page's cache; none when unbound. */
export function useBoundConnectClustersQuery(clusterId: string | null) {
  return useQuery({
    queryKey: connectKeys.clusters(clusterId ?? ""),
    queryFn: ({ signal }) => fetchJson<ConnectClusterStatus[]>(`/api/clusters/${clusterId}/connect`, signal),
    enabled: !!clusterId,
    staleTime: 60_000,
  });
}
