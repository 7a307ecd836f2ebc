"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { auditSearchParams, type AuditFilters, type AuditPage } from "@/lib/audit/audit-query";
import { fetchJson } from "@/components/ui/fetch-json";

export const auditKeys = {
  all: ["audit"] as const,
  page: (filters: AuditFilters, page: number) => [...auditKeys.all, "page", filters, page] as const,
};

/** One page of the audit log, filtered on the server. Not polled: the log is read after the fact. */
export function useAuditQuery(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: auditKeys.page(filters, page),
    queryFn: ({ signal }) => fetchJson<AuditPage>(`/api/audit?${auditSearchParams(filters, page)}`, signal),
    placeholderData: keepPreviousData,
  });
}
