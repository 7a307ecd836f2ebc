"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors/action-result";
import type { CreateAlertRuleInput, SetAlertRuleEnabledInput, UpdateAlertRuleInput } from "@/lib/alerts/alert-rules";
import type { AlertsView } from "@/lib/alerts/alert-views";
import { createAlertRuleAction, deleteAlertRuleAction, setAlertRuleEnabledAction, updateAlertRuleAction } from "@/server/actions/alert-actions";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const alertKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "alerts", clusterId] as const,
};

export const ALERTS_REFRESH_MS = 10_000;

/** Rules, recent events and their deliveries. Always polled: alerts fire and deliveries retry on their own. */
export function useAlertsQuery(clusterId: string) {
  return useQuery({
    queryKey: alertKeys.all(clusterId),
    queryFn: ({ signal }) => fetchJson<AlertsView>(`/api/clusters/${clusterId}/alerts`, signal),
    refetchInterval: ALERTS_REFRESH_MS,
  });
}

function useInvalidateAlerts() {
  const qc = useQueryClient();
  return (clusterId: string) => qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) });
}

export function useCreateAlertRuleMutation() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async (input: CreateAlertRuleInput) => unwrap(await createAlertRuleAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useUpdateAlertRuleMutation() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async (input: UpdateAlertRuleInput) => unwrap(await updateAlertRuleAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useSetAlertRuleEnabledMutation() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async (input: SetAlertRuleEnabledInput) => unwrap(await setAlertRuleEnabledAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useDeleteAlertRuleMutation() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async (input: { clusterId: string; id: string }) => unwrap(await deleteAlertRuleAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}
