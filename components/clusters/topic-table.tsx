"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { TopicPage, TopicSort } from "@/lib/clusters/topic-summary";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { Pager } from "@/components/ui/pager";
import { CreateTopicDialog } from "@/components/topics/create-topic-dialog";
import { topicHref } from "@/components/topics/topic-href";
import { TOPIC_PAGE_SIZE, useTopicsQuery, type TopicListQuery } from "@/components/topics/topic-queries";

const COLUMNS: { key: TopicSort | null; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "partitions", label: "Partitions" },
  { key: "replicationFactor", label: "Replication" },
  { key: null, label: "Messages (approx.)" },
  { key: "underReplicated", label: "Under-replicated" },
  { key: null, label: "Consumer groups" },
];

function regexError(q: string): string | null {
  try {
    new RegExp(q);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The cluster's topics: searched (substring or regex), sorted and paged on the server, so thousands of topics
 * cost one page; the first page comes with the server-rendered HTML. Each row links to the topic's page.
 */
export function TopicTable({ clusterId, readOnly, initial }: { clusterId: string; readOnly: boolean; initial?: TopicPage | null }) {
  const [q, setQ] = useState("");
  const [regex, setRegex] = useState(false);
  const [internal, setInternal] = useState(false);
  const [sort, setSort] = useState<TopicSort>("name");
  const [desc, setDesc] = useState(false);
  const [page, setPage] = useState(0);
  const [created, setCreated] = useState<string | null>(null);
  const mayCreate = useCan("topics:write", clusterId);
  const deferredQ = useDeferredValue(q);
  const badRegex = regex && deferredQ ? regexError(deferredQ) : null;
  const query: TopicListQuery = { q: badRegex ? "" : deferredQ, regex, internal, sort, desc, page };
  const isDefault = !query.q && !internal && sort === "name" && !desc && page === 0;
  const topics = useTopicsQuery(clusterId, query, isDefault ? initial : null);
  const data = topics.data;
  const pages = data ? Math.max(1, Math.ceil(data.matched / TOPIC_PAGE_SIZE)) : 1;

  const sortBy = (key: TopicSort) => {
    if (sort === key) setDesc(!desc);
    else {
      setSort(key);
      setDesc(key !== "name");
    }
    setPage(0);
  };

  return (
    <section aria-label="Topics">
      <div className="page-head">
        <h2>Topics</h2>
        <div className="actions">
          <input
            type="search"
            placeholder={regex ? "Regular expression" : "Search topics"}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
            aria-label="Search topics"
            aria-invalid={!!badRegex}
          />
          <label className="check-inline small">
            <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> regex
          </label>
          <label className="check-inline small">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> internal
          </label>
          {/* A read-only cluster, or a role below admin, is refused on the server anyway; the button is not offered. */}
          {!readOnly && mayCreate && <CreateTopicDialog clusterId={clusterId} onCreated={setCreated} />}
        </div>
      </div>
      {badRegex && <p className="field-error">Not a valid regular expression: {badRegex}</p>}
      {created && (
        <p className="ok small" role="status">
          Created topic <Link href={topicHref(clusterId, created)}>{created}</Link>.
        </p>
      )}
      {topics.error && <p className="error">{errorMessage(topics.error)}</p>}
      {data && (
        <>
          <p className="muted small">
            {data.matched.toLocaleString()} of {data.total.toLocaleString()} topics · page {data.page + 1} of {pages}
          </p>
          <table className="table" aria-label="Topic list">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.label} aria-sort={c.key && c.key === sort ? (desc ? "descending" : "ascending") : undefined}>
                    {c.key ? (
                      <button type="button" className="link th-sort" onClick={() => sortBy(c.key!)}>
                        {c.label}
                        {c.key === sort ? (desc ? " ↓" : " ↑") : ""}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.topics.map((t) => (
                <tr key={t.name} data-testid={`topic-row-${t.name}`}>
                  <td>
                    <Link href={topicHref(clusterId, t.name)}>
                      <code>{t.name}</code>
                    </Link>
                    {t.internal && <span className="badge">internal</span>}
                  </td>
                  <td>{t.partitions}</td>
                  <td>{t.replicationFactor}</td>
                  <td>{t.messages === null || t.messages === undefined ? <span className="muted">—</span> : t.messages.toLocaleString()}</td>
                  <td className={t.underReplicated ? "error" : ""}>{t.underReplicated}</td>
                  <td className="small">{t.groups ? t.groups.slice(0, 3).join(", ") + (t.groups.length > 3 ? ` +${t.groups.length - 3}` : "") : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
