"use client";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { CONNECTOR_STATES } from "@/lib/connect/connect-types";
import { filterConnectors, hasProblem, NO_FILTER, shortClassName, type ConnectorFilter } from "@/lib/connect/filter-connectors";
import { errorMessage } from "@/components/ui/fetch-json";
import { connectorHref, useConnectClustersQuery, useConnectorsQuery } from "./connect-queries";
import { StateBadge, TaskCountsText } from "./connector-state";

/** Every connector of every Connect cluster of the Kafka cluster, searched and filtered in the browser. */
export function ConnectorList({ clusterId, mayCreate }: { clusterId: string; mayCreate: boolean }) {
  const { data, error, isFetching, dataUpdatedAt } = useConnectorsQuery(clusterId);
  const clusters = useConnectClustersQuery(clusterId);
  const [filter, setFilter] = useState<ConnectorFilter>(NO_FILTER);
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => filterConnectors(data?.connectors ?? [], deferred), [data, deferred]);
  const problems = data?.connectors.filter(hasProblem).length ?? 0;
  const set = (patch: Partial<ConnectorFilter>) => setFilter({ ...filter, ...patch });
  const multiple = (clusters.data?.length ?? 0) > 1;

  return (
    <section aria-label="Connectors">
      <div className="panel-head">
        <h2>Connectors</h2>
        {mayCreate && !!clusters.data?.length && (
          <Link className="button-link" href={`/clusters/${clusterId}/connect/new`}>
            New connector
          </Link>
        )}
      </div>
      <div className="table-tools wrap">
        <input type="search" placeholder="Search names, classes, topics" value={filter.q} onChange={(e) => set({ q: e.target.value })} aria-label="Search connectors" />
        <label className="check-inline small">
          State
          <select value={filter.state} onChange={(e) => set({ state: e.target.value as ConnectorFilter["state"] })} aria-label="Filter by state">
            <option value="all">any</option>
            <option value="problems">failed, or with failed tasks{data ? ` (${problems})` : ""}</option>
            {CONNECTOR_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="check-inline small">
          Type
          <select value={filter.type} onChange={(e) => set({ type: e.target.value as ConnectorFilter["type"] })} aria-label="Filter by type">
            <option value="all">any</option>
            <option value="source">source</option>
            <option value="sink">sink</option>
          </select>
        </label>
        {multiple && (
          <label className="check-inline small">
            Connect cluster
            <select value={filter.connectId} onChange={(e) => set({ connectId: e.target.value })} aria-label="Filter by Connect cluster">
              <option value="all">any</option>
              {clusters.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted small" aria-live="polite">
          {isFetching ? "Refreshing…" : dataUpdatedAt ? `as of ${new Date(dataUpdatedAt).toLocaleTimeString()}` : ""}
        </span>
      </div>
      {error && <p className="error" role="alert">{errorMessage(error)}</p>}
      {data?.unreachable.map((u) => (
        <div key={u.connectId} className="banner error" role="alert">
          <strong>{u.connectName}:</strong> {u.error}
        </div>
      ))}
      {data && (
        <>
          <p className="muted small" data-testid="connector-count">
            {rows.length} of {data.connectors.length} connectors{problems > 0 && <span className="error"> · {problems} with failures</span>}
          </p>
          <table className="table compact" aria-label="Connector list">
            <thead>
              <tr>
                <th>Connector</th>
                {multiple && <th>Connect cluster</th>}
                <th>Type</th>
                <th>Class</th>
                <th>State</th>
                <th>Tasks</th>
                <th>Topics</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.connectId}/${c.name}`} data-testid="connector-row" data-connector={c.name}>
                  <td>
                    <Link href={connectorHref(clusterId, c.connectId, c.name)}>
                      <code>{c.name}</code>
                    </Link>
                  </td>
                  {multiple && <td>{c.connectName}</td>}
                  <td>{c.type}</td>
                  <td title={c.className}>{shortClassName(c.className)}</td>
                  <td>
                    <StateBadge state={c.state} testId="connector-state" />
                  </td>
                  <td className="small" data-testid="connector-tasks">
                    <TaskCountsText tasks={c.tasks} />
                  </td>
                  <td className="small">{c.topics === null ? <span className="muted">—</span> : c.topics.join(", ") || <span className="muted">none yet</span>}</td>
                </tr>
              ))}
              {!rows.length && (
                <tr>
                  <td colSpan={multiple ? 7 : 6} className="muted">
                    {data.connectors.length ? "No connector matches." : "No connectors yet."}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
      {!data && !error && <p className="muted">Listing connectors…</p>}
    </section>
  );
}
