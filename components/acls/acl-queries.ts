"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AclChangeInput, ApplyAclChangeInput } from "@/lib/acls/acl-change-schema";
import type { AclBindingsPage, PrincipalAccessView, TopicAccessView } from "@/lib/acls/acl-views";
import type { ClientQuotasView, SetClientQuotasInput } from "@/lib/acls/client-quotas";
import type { AclFilterInput } from "@/lib/acls/match-bindings";
import type { ChangeScramPasswordInput, CreateScramUserInput, DeleteScramUserInput, ScramUsersView } from "@/lib/acls/scram-users";
import { unwrap } from "@/lib/errors/action-result";
import {
  applyAclChangeAction,
  changeScramPasswordAction,
  createScramUserAction,
  deleteScramUserAction,
  previewAclChangeAction,
  setClientQuotasAction,
} from "@/server/actions/acl-actions";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const aclKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "acls", clusterId] as const,
  bindings: (clusterId: string, filter: AclFilterInput) => [...aclKeys.all(clusterId), "bindings", filter] as const,
  users: (clusterId: string) => [...aclKeys.all(clusterId), "users"] as const,
  quotas: (clusterId: string) => [...aclKeys.all(clusterId), "quotas"] as const,
  topic: (clusterId: string, topic: string) => [...aclKeys.all(clusterId), "topic", topic] as const,
  principal: (clusterId: string, principal: string) => [...aclKeys.all(clusterId), "principal", principal] as const,
};

const base = (clusterId: string) => `/api/clusters/${clusterId}/acls`;

function query(filter: AclFilterInput): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The cluster's bindings, filtered on the server. Read when asked (no polling: bindings change when someone changes them). */
export function useAclBindingsQuery(clusterId: string, filter: AclFilterInput) {
  return useQuery({
    queryKey: aclKeys.bindings(clusterId, filter),
    queryFn: ({ signal }) => fetchJson<AclBindingsPage>(`${base(clusterId)}${query(filter)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useScramUsersQuery(clusterId: string) {
  return useQuery({ queryKey: aclKeys.users(clusterId), queryFn: ({ signal }) => fetchJson<ScramUsersView>(`${base(clusterId)}/users`, signal) });
}

export function useClientQuotasQuery(clusterId: string) {
  return useQuery({ queryKey: aclKeys.quotas(clusterId), queryFn: ({ signal }) => fetchJson<ClientQuotasView>(`${base(clusterId)}/quotas`, signal) });
}

export function useTopicAccessQuery(clusterId: string, topic: string, enabled = true) {
  return useQuery({
    queryKey: aclKeys.topic(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicAccessView>(`${base(clusterId)}/topics/${encodeURIComponent(topic)}`, signal),
    enabled,
  });
}

export function usePrincipalAccessQuery(clusterId: string, principal: string) {
  return useQuery({
    queryKey: aclKeys.principal(clusterId, principal),
    queryFn: ({ signal }) => fetchJson<PrincipalAccessView>(`${base(clusterId)}/principal?${new URLSearchParams({ principal })}`, signal),
  });
}

/** Every change here can move what any ACL view shows: they all go stale together. */
function useInvalidateAcls() {
  const qc = useQueryClient();
  return (clusterId: string) => qc.invalidateQueries({ queryKey: aclKeys.all(clusterId) });
}

/** Before → after for a change; nothing changes on the cluster. */
export function usePreviewAclChangeMutation() {
  return useMutation({ mutationFn: async (input: AclChangeInput) => unwrap(await previewAclChangeAction(input)) });
}

export function useApplyAclChangeMutation() {
  const invalidate = useInvalidateAcls();
  return useMutation({
    mutationFn: async (input: ApplyAclChangeInput) => unwrap(await applyAclChangeAction(input)),
    onSettled: (_d, _e, input) => invalidate(input.clusterId),
  });
}

export function useCreateScramUserMutation() {
  const invalidate = useInvalidateAcls();
  return useMutation({
    mutationFn: async (input: CreateScramUserInput) => unwrap(await createScramUserAction(input)),
    onSuccess: (_d, input) => invalidate(input.clusterId),
  });
}

export function useChangeScramPasswordMutation() {
  const invalidate = useInvalidateAcls();
  return useMutation({
    mutationFn: async (input: ChangeScramPasswordInput) => unwrap(await changeScramPasswordAction(input)),
    onSuccess: (_d, input) => invalidate(input.clusterId),
  });
}

export function useDeleteScramUserMutation() {
  const invalidate = useInvalidateAcls();
  return useMutation({
    mutationFn: async (input: DeleteScramUserInput) => unwrap(await deleteScramUserAction(input)),
    onSuccess: (_d, input) => invalidate(input.clusterId),
  });
}

export function useSetClientQuotasMutation() {
  const invalidate = useInvalidateAcls();
  return useMutation({
    mutationFn: async (input: SetClientQuotasInput) => unwrap(await setClientQuotasAction(input)),
    onSuccess: (_d, input) => invalidate(input.clusterId),
  });
}
