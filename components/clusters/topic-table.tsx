"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { errorMessage, fetchJson } from "@/components/ui/fetch-json";
import type { TopicPage } from "@/lib/clusters/topic-summary";

/** The cluster's topics, searched on the server. */
export function TopicTable({ clusterId }: { clusterId: string }) {
  const [q, setQ] = useState("");
  const [internal, setInternal] = useState(false);
  const query = useDeferredValue(q);
  const topics = useQuery({
    queryKey: ["clusters", "topics", clusterId, query, internal],
    queryFn: ({ signal }) => fetchJson<TopicPage>(`/api/clusters/${clusterId}/topics?q=${encodeURIComponent(query)}&internal=${internal}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  return (
    <section aria-label="Topics">
      <div className="page-head">
        <h2>Topics</h2>
        <div className="actions">
          <input type="search" placeholder="Search topics" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search topics" />
          <label className="check-inline small">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> internal
          </label>
        </div>
      </div>
      {topics.error && <p className="error">{errorMessage(topics.error)}</p>}
      {topics.data && (
        <>
          <p className="muted small">
            {topics.data.matched} of {topics.data.total} topics{topics.data.matched > topics.data.topics.length ? `, first ${topics.data.topics.length} shown` : ""}
          </p>
          <table className="table" aria-label="Topic list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Partitions</th>
                <th>Replication</th>
                <th>Under-replicated</th>
              </tr>
            </thead>
            <tbody>
              {topics.data.topics.map((t) => (
                <tr key={t.name} data-testid={`topic-row-${t.name}`}>
                  <td>
                    <code>{t.name}</code>
                    {t.internal && <span className="badge">internal</span>}
                  </td>
                  <td>{t.partitions}</td>
                  <td>{t.replicationFactor}</td>
                  <td className={t.underReplicated ? "error" : ""}>{t.underReplicated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
