"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConnectSecretView, DeleteConnectSecretInput, SetConnectSecretInput } from "@/lib/connect/connect-secret-schemas";
import { unwrap } from "@/lib/errors/action-result";
import { deleteConnectSecretAction, setConnectSecretAction } from "@/server/actions/connect-secret-actions";
import { fetchJson } from "@/components/ui/fetch-json";
import { connectKeys } from "./connect-queries";

// The cluster's Connect secrets: names and dates only (the store never gives a value back).

export const connectSecretKeys = {
  list: (clusterId: string) => [...connectKeys.all(clusterId), "secrets"] as const,
};

export function useConnectSecretsQuery(clusterId: string | null, enabled = true) {
  return useQuery({
    queryKey: connectSecretKeys.list(clusterId ?? ""),
    queryFn: ({ signal }) => fetchJson<ConnectSecretView[]>(`/api/clusters/${clusterId}/connect/secrets`, signal),
    enabled: !!clusterId && enabled,
    staleTime: 30_000,
  });
}

export function useSetConnectSecretMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: SetConnectSecretInput) => unwrap(await setConnectSecretAction(input)),
    onSuccess: (_, input) => qc.invalidateQueries({ queryKey: connectSecretKeys.list(input.clusterId) }),
  });
}

export function useDeleteConnectSecretMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: DeleteConnectSecretInput) => unwrap(await deleteConnectSecretAction(input)),
    onSuccess: (_, input) => qc.invalidateQueries({ queryKey: connectSecretKeys.list(input.clusterId) }),
  });
}
