"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { errorMessage } from "@/components/ui/fetch-json";
import { CreateTopicDialog } from "@/components/topics/create-topic-dialog";
import { topicHref } from "@/components/topics/topic-href";
import { useTopicsQuery } from "@/components/topics/topic-queries";

/** The cluster's topics, searched on the server; each links to its detail page. */
export function TopicTable({ clusterId, readOnly }: { clusterId: string; readOnly: boolean }) {
  const [q, setQ] = useState("");
  const [internal, setInternal] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const query = useDeferredValue(q);
  const topics = useTopicsQuery(clusterId, query, internal);
  return (
    <section aria-label="Topics">
      <div className="page-head">
        <h2>Topics</h2>
        <div className="actions">
          <input type="search" placeholder="Search topics" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search topics" />
          <label className="check-inline small">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> internal
          </label>
          {/* A read-only cluster refuses creation on the server anyway; the button is not offered. */}
          {!readOnly && <CreateTopicDialog clusterId={clusterId} onCreated={setCreated} />}
        </div>
      </div>
      {created && (
        <p className="ok small" role="status">
          Created topic <Link href={topicHref(clusterId, created)}>{created}</Link>.
        </p>
      )}
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
                    <Link href={topicHref(clusterId, t.name)}>
                      <code>{t.name}</code>
                    </Link>
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
