"use client";
import Link from "next/link";
import { useState } from "react";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import type { AlertRuleView } from "@/lib/alerts/alert-views";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { AlertEventsTable } from "./alert-events-table";
import { ALERTS_REFRESH_MS, useAlertsQuery } from "./alert-queries";
import { AlertRuleForm } from "./alert-rule-form";
import { AlertRulesTable } from "./alert-rules-table";

type Editing = { mode: "closed" } | { mode: "new" } | { mode: "edit"; rule: AlertRuleView };

/** A cluster's lag alert rules and the history of what they fired. */
export function AlertsPanel({ cluster }: { cluster: ClusterView }) {
  const { data, error, isPending, isFetching, dataUpdatedAt } = useAlertsQuery(cluster.id);
  const [editing, setEditing] = useState<Editing>({ mode: "closed" });
  const close = () => setEditing({ mode: "closed" });
  const mayEdit = useCan("alerts:write", cluster.id);

  return (
    <>
      <p className="muted small crumbs">
        <Link href="/clusters">Clusters</Link> / <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> / alerts
      </p>
      <div className="page-head">
        <div>
          <h1>Alerts</h1>
          <p className="muted">Rules on the consumer groups of {cluster.name}, checked on every lag sample.</p>
        </div>
        {mayEdit && editing.mode === "closed" && (
          <div className="actions">
            <button type="button" onClick={() => setEditing({ mode: "new" })}>
              Add rule
            </button>
          </div>
        )}
      </div>
      <p className="muted small" aria-live="polite">
        {isFetching ? "Refreshing…" : `Refreshes every ${ALERTS_REFRESH_MS / 1000} s`}
        {dataUpdatedAt > 0 && ` · last answer ${new Date(dataUpdatedAt).toLocaleTimeString()}`}
      </p>
      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)}
          {data && " What is shown below is from the last successful refresh."}
        </div>
      )}

      {mayEdit && editing.mode !== "closed" && (
        <AlertRuleForm
          key={editing.mode === "edit" ? editing.rule.id : "new"}
          clusterId={cluster.id}
          rule={editing.mode === "edit" ? editing.rule : undefined}
          groups={data?.groups ?? null}
          onDone={close}
        />
      )}
      {isPending && !error && <p className="muted">Reading the rules…</p>}

      {data && (
        <>
          <section aria-labelledby="alert-rules-heading">
            <h2 id="alert-rules-heading">Rules</h2>
            <AlertRulesTable clusterId={cluster.id} rules={data.rules} onEdit={(rule) => setEditing({ mode: "edit", rule })} />
          </section>
          <section aria-labelledby="alert-history-heading">
            <h2 id="alert-history-heading">History</h2>
            <AlertEventsTable events={data.events} />
          </section>
        </>
      )}
    </>
  );
}
