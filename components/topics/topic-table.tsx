"use client";
import Link from "next/link";
import { useDeferredValue, useEffect, useState } from "react";
import type { TopicPage, TopicSort } from "@/lib/clusters/topic-summary";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { Pager } from "@/components/ui/pager";
import { nextSortOrder, type SortOrder } from "@/components/ui/sort-order";
import { useEarlyInput } from "@/components/ui/use-early-input";
import { SortableHeader, type SortColumn } from "@/components/ui/sortable-header";
import { CreateTopicDialog } from "./create-topic-dialog";
import { topicHref } from "./topic-href";
import { TOPIC_PAGE_SIZE, useTopicsQuery, type TopicListQuery } from "./topic-queries";

const COLUMNS: SortColumn<TopicSort>[] = [
  { key: "name", label: "Name" },
  { key: "partitions", label: "Partitions" },
  { key: "replicationFactor", label: "Replication" },
  { key: null, label: "Messages (approx.)" },
  { key: "underReplicated", label: "Under-replicated" },
  { key: null, label: "Consumer groups" },
];

/**
 * Why a regex search would be refused, checked in the browser with the server's own check (RE2 through re2js,
 * lib/text/user-pattern.ts), so what is accepted here is what the server accepts: JavaScript's RegExp takes
 * look-behind and back-references, which RE2 refuses. re2js is loaded the first time regex is ticked, not with
 * the cluster page; until it has loaded the server's answer stands.
 */
function usePatternError(pattern: string, on: boolean): string | null {
  const [check, setCheck] = useState<((pattern: string) => string | null) | null>(null);
  useEffect(() => {
    if (!on || check) return;
    let live = true;
    void import("@/lib/text/user-pattern").then((m) => {
      if (live) setCheck(() => m.userPatternError);
    });
    return () => {
      live = false;
    };
  }, [on, check]);
  return on && pattern && check ? check(pattern) : null;
}

/**
 * The cluster's topics: searched (substring or regex), sorted and paged on the server, so thousands of topics
 * cost one page; the first page comes with the server-rendered HTML. Each row links to the topic's page.
 */
export function TopicTable({ clusterId, readOnly, initial }: { clusterId: string; readOnly: boolean; initial?: TopicPage | null }) {
  const [q, setQ] = useState("");
  const [regex, setRegex] = useState(false);
  const [internal, setInternal] = useState(false);
  const [order, setOrder] = useState<SortOrder<TopicSort>>({ sort: "name", desc: false });
  const [page, setPage] = useState(0);
  const searchRef = useEarlyInput(q, setQ);
  const [created, setCreated] = useState<string | null>(null);
  const mayCreate = useCan("topics:write", clusterId);
  const deferredQ = useDeferredValue(q);
  const badRegex = usePatternError(deferredQ, regex);
  const query: TopicListQuery = { q: badRegex ? "" : deferredQ, regex, internal, ...order, page };
  const isDefault = !query.q && !internal && order.sort === "name" && !order.desc && page === 0;
  const topics = useTopicsQuery(clusterId, query, isDefault ? initial : null);
  const data = topics.data;
  const pages = data ? Math.max(1, Math.ceil(data.matched / TOPIC_PAGE_SIZE)) : 1;

  const sortBy = (key: TopicSort) => {
    setOrder(nextSortOrder(order, key, (k) => k !== "name"));
    setPage(0);
  };

  return (
    <section aria-label="Topics">
      <div className="page-head section-head">
        <h2>Topics</h2>
        <div className="actions">
          <input
            ref={searchRef}
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
      <FieldError>{badRegex && `Not a valid regular expression: ${badRegex}`}</FieldError>
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
            <SortableHeader columns={COLUMNS} order={order} onSort={sortBy} />
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
