"use client";
import { useEffect, useState } from "react";
import { actionChoices, AUDIT_OUTCOMES, auditPageHref, NO_AUDIT_FILTERS, type AuditFacets, type AuditFilters } from "@/lib/audit/audit-query";
import { ClusterOptions } from "@/components/clusters/cluster-options";
import { errorMessage } from "@/components/ui/fetch-json";
import { Options } from "@/components/ui/options";
import { Pager } from "@/components/ui/pager";
import { useAuditQuery } from "./audit-queries";

/**
 * The audit log: every change made through Topiary, who made it and how it ended, newest first. Filtered and
 * paged on the server; the filters live in the address, so a filtered view can be linked to. Read only.
 */
export function AuditLog({ facets, initial }: { facets: AuditFacets; initial: AuditFilters }) {
  const [filters, setFilters] = useState<AuditFilters>(initial);
  const [page, setPage] = useState(0);
  const audit = useAuditQuery(filters, page);
  const data = audit.data;
  const pages = data ? Math.max(1, Math.ceil(data.matched / data.pageSize)) : 1;

  useEffect(() => {
    window.history.replaceState(null, "", auditPageHref(filters));
  }, [filters]);

  const set = (key: keyof AuditFilters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(0);
  };
  // A value from the address that the log does not hold (yet) stays choosable.
  const withCurrent = (values: string[], current: string) => (current && !values.includes(current) ? [current, ...values] : values);
  const clusters = filters.cluster && !facets.clusters.some((c) => c.id === filters.cluster) ? [{ id: filters.cluster, name: filters.cluster }, ...facets.clusters] : facets.clusters;
  const choices = actionChoices(facets.actions);
  const actionOptions = filters.action && !choices.some((a) => a.value === filters.action) ? [{ value: filters.action, label: filters.action }, ...choices] : choices;

  return (
    <section aria-label="Audit log">
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()} aria-label="Audit filters">
        <label>
          User
          <select value={filters.user} onChange={(e) => set("user", e.target.value)}>
            <option value="">Anyone</option>
            <Options values={withCurrent(facets.users, filters.user)} />
          </select>
        </label>
        <label>
          Action
          <select value={filters.action} onChange={(e) => set("action", e.target.value)}>
            <option value="">Any action</option>
            {actionOptions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cluster
          <select value={filters.cluster} onChange={(e) => set("cluster", e.target.value)}>
            <option value="">Any cluster</option>
            <ClusterOptions clusters={clusters} />
          </select>
        </label>
        <label>
          Outcome
          <select value={filters.outcome} onChange={(e) => set("outcome", e.target.value)}>
            <option value="">Any outcome</option>
            <Options values={AUDIT_OUTCOMES} />
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.fromDay} max={filters.toDay || undefined} onChange={(e) => set("fromDay", e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={filters.toDay} min={filters.fromDay || undefined} onChange={(e) => set("toDay", e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.autosaves === "show"} onChange={(e) => set("autosaves", e.target.checked ? "show" : "")} /> Show design autosaves
        </label>
        <button
          type="button"
          className="secondary small"
          disabled={Object.values(filters).every((v) => !v)}
          onClick={() => {
            setFilters(NO_AUDIT_FILTERS);
            setPage(0);
          }}
        >
          Clear filters
        </button>
      </form>

      {audit.error && <p className="error" role="alert">{errorMessage(audit.error)}</p>}
      {data && (
        <>
          <p className="muted small" data-testid="audit-count">
            {data.matched.toLocaleString()} {data.matched === 1 ? "record" : "records"} · page {data.page + 1} of {pages}
          </p>
          <table className="table compact" aria-label="Audit records">
            <thead>
              <tr>
                <th>When</th>
                <th>User</th>
                <th>Action</th>
                <th>Cluster</th>
                <th>Target</th>
                <th>Outcome</th>
              </tr>
            </thead>
            <tbody>
              {data.records.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td className="nowrap">
                    <time dateTime={r.at}>{new Date(r.at).toLocaleString()}</time>
                  </td>
                  <td>{r.username}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.clusterName ?? <span className="muted">—</span>}</td>
                  <td className="audit-target">{r.target ?? <span className="muted">—</span>}</td>
                  <td>
                    <span className={`badge audit-${r.outcome}`}>{r.outcome}</span>
                    {r.detail && <div className="small muted audit-detail">{r.detail}</div>}
                  </td>
                </tr>
              ))}
              {!data.records.length && (
                <tr>
                  <td colSpan={6} className="muted">
                    {Object.values(filters).some(Boolean) ? "No record matches these filters." : "Nothing has been changed through Topiary yet."}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager page={page} pages={pages} onPage={setPage} labels={["Newer", "Older"]} />
        </>
      )}
      {!data && !audit.error && <p className="muted">Reading the audit log…</p>}
    </section>
  );
}
