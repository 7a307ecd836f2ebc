"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { alterBrokerConfigInputSchema, BrokerConfigPage } from "@/lib/clusters/broker-config";
import { unwrap } from "@/lib/errors/action-result";
import { alterBrokerConfigAction } from "@/server/actions/broker-actions";
import { fetchJson } from "@/components/ui/fetch-json";

export const brokerKeys = {
  all: (clusterId: string) => ["brokers", clusterId] as const,
  detail: (clusterId: string, broker: number) => [...brokerKeys.all(clusterId), broker] as const,
};

export function useBrokerQuery(clusterId: string, broker: number) {
  return useQuery({
    queryKey: brokerKeys.detail(clusterId, broker),
    queryFn: ({ signal }) => fetchJson<BrokerConfigPage>(`/api/clusters/${clusterId}/brokers/${broker}`, signal),
  });
}

export function useAlterBrokerConfigMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: z.input<typeof alterBrokerConfigInputSchema>) => unwrap(await alterBrokerConfigAction(input)),
    onSuccess: (_, input) => qc.invalidateQueries({ queryKey: brokerKeys.detail(input.clusterId, input.broker) }),
  });
}
