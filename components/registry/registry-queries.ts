"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors/action-result";
import type { CheckCompatibilityInput, CompatibilityLevel, RegisterSchemaInput, RegistryMode, SaveRegistrySettingsInput } from "@/lib/registry/registry-schemas";
import type { RegistryStatus, SchemaVersionView, SubjectDetail, SubjectPage } from "@/lib/registry/registry-types";
import {
  checkCompatibilityAction,
  deleteSubjectAction,
  deleteVersionAction,
  registerSchemaAction,
  removeRegistrySettingsAction,
  saveRegistrySettingsAction,
  setCompatibilityAction,
  setModeAction,
  testRegistrySettingsAction,
} from "@/server/actions/registry-actions";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const registryKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "registry", clusterId] as const,
  status: (clusterId: string) => [...registryKeys.all(clusterId), "status"] as const,
  subjects: (clusterId: string, q: { search: string; deleted: boolean; page: number }) => [...registryKeys.all(clusterId), "subjects", q] as const,
  subject: (clusterId: string, subject: string) => [...registryKeys.all(clusterId), "subject", subject] as const,
  version: (clusterId: string, subject: string, version: number) => [...registryKeys.all(clusterId), "subject", subject, "version", version] as const,
};

const base = (clusterId: string) => `/api/clusters/${clusterId}/registry`;
export const registryHref = (clusterId: string) => `/clusters/${clusterId}/registry`;
export const subjectHref = (clusterId: string, subject: string) => `/clusters/${clusterId}/registry/${encodeURIComponent(subject)}`;
export const SUBJECTS_PAGE = 50;

export function useRegistryStatusQuery(clusterId: string, initial?: RegistryStatus) {
  return useQuery({ queryKey: registryKeys.status(clusterId), queryFn: ({ signal }) => fetchJson<RegistryStatus>(base(clusterId), signal), initialData: initial, staleTime: 10_000 });
}

export function useSubjectsQuery(clusterId: string, q: { search: string; deleted: boolean; page: number }, enabled: boolean) {
  const params = new URLSearchParams({ search: q.search, deleted: String(q.deleted), offset: String(q.page * SUBJECTS_PAGE), limit: String(SUBJECTS_PAGE) });
  return useQuery({
    queryKey: registryKeys.subjects(clusterId, q),
    queryFn: ({ signal }) => fetchJson<SubjectPage>(`${base(clusterId)}/subjects?${params}`, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useSubjectQuery(clusterId: string, subject: string) {
  return useQuery({
    queryKey: registryKeys.subject(clusterId, subject),
    queryFn: ({ signal }) => fetchJson<SubjectDetail>(`${base(clusterId)}/subjects/${encodeURIComponent(subject)}`, signal),
    enabled: subject !== "",
    retry: false,
  });
}

export function useVersionQuery(clusterId: string, subject: string, version: number | null) {
  return useQuery({
    queryKey: registryKeys.version(clusterId, subject, version ?? 0),
    queryFn: ({ signal }) => fetchJson<SchemaVersionView>(`${base(clusterId)}/subjects/${encodeURIComponent(subject)}/versions/${version}`, signal),
    enabled: version !== null,
    staleTime: 60_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return (clusterId: string) => qc.invalidateQueries({ queryKey: registryKeys.all(clusterId) });
}

export function useSaveRegistrySettingsMutation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: async (input: SaveRegistrySettingsInput) => unwrap(await saveRegistrySettingsAction(input)), onSuccess: (_, i) => invalidate(i.clusterId) });
}

export function useTestRegistrySettingsMutation() {
  return useMutation({ mutationFn: async (input: SaveRegistrySettingsInput) => unwrap(await testRegistrySettingsAction(input)) });
}

export function useRemoveRegistrySettingsMutation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: async (input: { clusterId: string; confirmUrl: string }) => unwrap(await removeRegistrySettingsAction(input)), onSuccess: (_, i) => invalidate(i.clusterId) });
}

export function useRegisterSchemaMutation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: async (input: RegisterSchemaInput) => unwrap(await registerSchemaAction(input)), onSuccess: (_, i) => invalidate(i.clusterId) });
}

export function useCheckCompatibilityMutation() {
  return useMutation({ mutationFn: async (input: CheckCompatibilityInput) => unwrap(await checkCompatibilityAction(input)) });
}

export function useDeleteSubjectMutation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { clusterId: string; subject: string; permanent: boolean; confirmName: string }) => unwrap(await deleteSubjectAction(input)),
    onSuccess: (_, i) => invalidate(i.clusterId),
  });
}

export function useDeleteVersionMutation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { clusterId: string; subject: string; version: number; permanent: boolean; confirmName: string }) => unwrap(await deleteVersionAction(input)),
    onSuccess: (_, i) => invalidate(i.clusterId),
  });
}

export function useSetCompatibilityMutation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { clusterId: string; subject: string | null; level: CompatibilityLevel | null }) => unwrap(await setCompatibilityAction(input)),
    onSuccess: (_, i) => invalidate(i.clusterId),
  });
}

export function useSetModeMutation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: { clusterId: string; subject: string | null; mode: RegistryMode | null }) => unwrap(await setModeAction(input)),
    onSuccess: (_, i) => invalidate(i.clusterId),
  });
}
