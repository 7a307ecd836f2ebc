"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConfigValidation, ConnectClusterStatus, ConnectorDetail, ConnectorList, ConnectPlugin } from "@/lib/connect/connect-types";
import type { ConnectorRef, CreateConnectClusterInput, SaveConnectorInput, UpdateConnectClusterInput, ValidateConnectorInput } from "@/lib/connect/connect-schemas";
import { ActionFailedError, unwrap } from "@/lib/errors/action-result";
import {
  createConnectClusterAction,
  createConnectorAction,
  deleteConnectClusterAction,
  deleteConnectorAction,
  pauseConnectorAction,
  resetConnectorOffsetsAction,
  restartConnectorAction,
  restartTaskAction,
  resumeConnectorAction,
  stopConnectorAction,
  testConnectClusterAction,
  updateConnectClusterAction,
  updateConnectorAction,
  validateConnectorAction,
} from "@/server/actions/connect-actions";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const connectKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "connect", clusterId] as const,
  clusters: (clusterId: string) => [...connectKeys.all(clusterId), "clusters"] as const,
  connectors: (clusterId: string) => [...connectKeys.all(clusterId), "connectors"] as const,
  connector: (clusterId: string, connectId: string, name: string) => [...connectKeys.all(clusterId), "connector", connectId, name] as const,
  plugins: (clusterId: string, connectId: string) => [...connectKeys.all(clusterId), "plugins", connectId] as const,
  definition: (clusterId: string, connectId: string, plugin: string) => [...connectKeys.all(clusterId), "definition", connectId, plugin] as const,
};

const base = (clusterId: string) => `/api/clusters/${clusterId}/connect`;
export const connectorsHref = (clusterId: string) => `/clusters/${clusterId}/connect`;
export const connectorHref = (clusterId: string, connectId: string, name: string) => `/clusters/${clusterId}/connect/${connectId}/${encodeURIComponent(name)}`;

/** States that change by themselves soon: poll faster while one is on screen. */
const IN_FLIGHT = new Set(["RESTARTING", "UNASSIGNED"]);
const FAST_MS = 2_000;
const SLOW_MS = 10_000;

export function useConnectClustersQuery(clusterId: string) {
  return useQuery({
    queryKey: connectKeys.clusters(clusterId),
    queryFn: ({ signal }) => fetchJson<ConnectClusterStatus[]>(base(clusterId), signal),
    refetchInterval: 30_000,
  });
}

export function useConnectorsQuery(clusterId: string) {
  return useQuery({
    queryKey: connectKeys.connectors(clusterId),
    queryFn: ({ signal }) => fetchJson<ConnectorList>(`${base(clusterId)}/connectors`, signal),
    refetchInterval: (q) => (q.state.data?.connectors.some((c) => IN_FLIGHT.has(c.state) || c.tasks.other > 0) ? FAST_MS : SLOW_MS),
  });
}

export function useConnectorQuery(clusterId: string, connectId: string, name: string) {
  return useQuery({
    queryKey: connectKeys.connector(clusterId, connectId, name),
    queryFn: ({ signal }) => fetchJson<ConnectorDetail>(`${base(clusterId)}/${connectId}/connectors/${encodeURIComponent(name)}`, signal),
    refetchInterval: (q) => {
      const e = q.state.error;
      if (e instanceof ActionFailedError && e.code === "NOT_FOUND") return false;
      const d = q.state.data;
      return d && (IN_FLIGHT.has(d.state) || d.tasks.some((t) => IN_FLIGHT.has(t.state))) ? FAST_MS : SLOW_MS;
    },
  });
}

export function usePluginsQuery(clusterId: string, connectId: string | null) {
  return useQuery({
    queryKey: connectKeys.plugins(clusterId, connectId ?? ""),
    queryFn: ({ signal }) => fetchJson<ConnectPlugin[]>(`${base(clusterId)}/${connectId}/plugins`, signal),
    enabled: !!connectId,
    staleTime: 60_000,
  });
}

/** A plugin's config definition (Connect's validation of just the class): groups, types, defaults, docs. */
export function usePluginDefinitionQuery(clusterId: string, connectId: string | null, plugin: string | null) {
  return useQuery({
    queryKey: connectKeys.definition(clusterId, connectId ?? "", plugin ?? ""),
    queryFn: ({ signal }) => fetchJson<ConfigValidation>(`${base(clusterId)}/${connectId}/plugins/${encodeURIComponent(plugin ?? "")}`, signal),
    enabled: !!connectId && !!plugin,
    staleTime: 5 * 60_000,
  });
}

function useInvalidateConnect() {
  const qc = useQueryClient();
  return (clusterId: string) => qc.invalidateQueries({ queryKey: connectKeys.all(clusterId) });
}

export function useCreateConnectClusterMutation() {
  const invalidate = useInvalidateConnect();
  return useMutation({
    mutationFn: async (input: CreateConnectClusterInput) => unwrap(await createConnectClusterAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useUpdateConnectClusterMutation() {
  const invalidate = useInvalidateConnect();
  return useMutation({
    mutationFn: async (input: UpdateConnectClusterInput) => unwrap(await updateConnectClusterAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useDeleteConnectClusterMutation() {
  const invalidate = useInvalidateConnect();
  return useMutation({
    mutationFn: async (input: { clusterId: string; connectId: string; confirmName: string }) => unwrap(await deleteConnectClusterAction(input)),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export function useTestConnectClusterMutation() {
  return useMutation({
    mutationFn: async (input: CreateConnectClusterInput & { connectId?: string }) => unwrap(await testConnectClusterAction(input)),
  });
}

export function useValidateConnectorMutation() {
  return useMutation({
    mutationFn: async (input: ValidateConnectorInput) => unwrap(await validateConnectorAction(input)),
  });
}

export function useSaveConnectorMutation() {
  const invalidate = useInvalidateConnect();
  return useMutation({
    mutationFn: async (input: SaveConnectorInput) => unwrap(await (input.mode === "create" ? createConnectorAction(input) : updateConnectorAction(input))),
    onSuccess: (_, input) => invalidate(input.clusterId),
  });
}

export type ConnectorOperation =
  | { kind: "restart"; includeTasks: boolean; onlyFailed: boolean }
  | { kind: "restartTask"; task: number }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "stop" }
  | { kind: "resetOffsets" }
  | { kind: "delete"; confirmName: string };

async function operate(ref: ConnectorRef, op: ConnectorOperation): Promise<unknown> {
  switch (op.kind) {
    case "restart":
      return unwrap(await restartConnectorAction({ ...ref, includeTasks: op.includeTasks, onlyFailed: op.onlyFailed }));
    case "restartTask":
      return unwrap(await restartTaskAction({ ...ref, task: op.task }));
    case "pause":
      return unwrap(await pauseConnectorAction(ref));
    case "resume":
      return unwrap(await resumeConnectorAction(ref));
    case "stop":
      return unwrap(await stopConnectorAction(ref));
    case "resetOffsets":
      return unwrap(await resetConnectorOffsetsAction(ref));
    case "delete":
      return unwrap(await deleteConnectorAction({ ...ref, confirmName: op.confirmName }));
  }
}

/** Every change to a running connector; the connector and the list refresh afterwards. */
export function useConnectorOperationMutation(ref: ConnectorRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (op: ConnectorOperation) => operate(ref, op),
    onSuccess: (_, op) =>
      op.kind === "delete"
        ? qc.invalidateQueries({ queryKey: connectKeys.connectors(ref.clusterId) })
        : qc.invalidateQueries({ queryKey: connectKeys.all(ref.clusterId) }),
  });
}
