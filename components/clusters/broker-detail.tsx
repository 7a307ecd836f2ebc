"use client";
import Link from "next/link";
import { useState } from "react";
import type { BrokerConfigView } from "@/lib/clusters/broker-config";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { humanConfigValue } from "@/lib/topics/config-units";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { FormError } from "@/components/ui/field-error";
import { useAlterBrokerConfigMutation, useBrokerQuery } from "./broker-queries";

function Value({ c }: { c: BrokerConfigView }) {
  if (c.isSensitive) return <span className="muted">hidden</span>;
  if (c.value === null || c.value === "") return <span className="muted">(empty)</span>;
  const human = humanConfigValue(c.name, c.value);
  return (
    <>
      <code>{c.value}</code>
      {human && <span className="muted small"> {human}</span>}
    </>
  );
}

/**
 * One broker: where it listens and every setting with where its value comes from. Settings Kafka lets change
 * while the broker runs can be set on this broker (admin), and per-broker ones reset.
 */
export function BrokerDetail({ cluster, broker }: { cluster: ClusterView; broker: number }) {
  const query = useBrokerQuery(cluster.id, broker);
  const alter = useAlterBrokerConfigMutation();
  const mayChange = useCan("clusters:manage", cluster.id) && !cluster.readOnly;
  const [filter, setFilter] = useState("");
  const [dynamicOnly, setDynamicOnly] = useState(false);
  const [editing, setEditing] = useState<{ key: string; draft: string } | null>(null);
  const data = query.data;
  const rows = (data?.configs ?? []).filter((c) => c.name.includes(filter.trim()) && (!dynamicOnly || c.isDynamic));
  const save = (set: Record<string, string>, remove: string[]) => alter.mutate({ clusterId: cluster.id, broker, set, remove }, { onSuccess: () => setEditing(null) });

  return (
    <>
      <p className="muted small crumbs">
        <Link href="/clusters">Clusters</Link> / <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> / brokers
      </p>
      <h1>
        Broker {broker}
        {data?.isController && <span className="badge">controller</span>}
      </h1>
      {data && (
        <p className="muted">
          <code>
            {data.host}:{data.port}
          </code>
          {data.rack && ` · rack ${data.rack}`} · {data.configs.filter((c) => c.isDynamic).length} setting(s) set at run time
        </p>
      )}
      {query.error && (
        <p className="banner error" role="alert">
          {errorMessage(query.error)}
        </p>
      )}
      {query.isPending && <p className="muted">Reading the broker…</p>}
      {data && (
        <section aria-label="Broker configuration">
          <div className="actions list-actions">
            <input type="search" placeholder="Filter settings" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter settings" />
            <label className="check">
              <input type="checkbox" checked={dynamicOnly} onChange={(e) => setDynamicOnly(e.target.checked)} /> set at run time only
            </label>
          </div>
          <FormError>{alter.isError && errorMessage(alter.error)}</FormError>
          <table className="table" aria-label="Broker settings">
            <thead>
              <tr>
                <th>Key</th>
                <th>Value</th>
                <th>Source</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.name} data-testid={`broker-config-${c.name}`}>
                  <td>
                    <code>{c.name}</code>
                    {c.isDynamic && <span className="badge">dynamic</span>}
                  </td>
                  <td>
                    {editing?.key === c.name ? (
                      <form
                        className="inline-edit"
                        onSubmit={(e) => {
                          e.preventDefault();
                          save({ [c.name]: editing.draft }, []);
                        }}
                      >
                        <input value={editing.draft} onChange={(e) => setEditing({ key: c.name, draft: e.target.value })} aria-label={`New value of ${c.name}`} autoFocus />
                        <button type="submit" className="small" disabled={alter.isPending || !editing.draft.trim()}>
                          Save
                        </button>
                        <button type="button" className="secondary small" onClick={() => setEditing(null)}>
                          Cancel
                        </button>
                      </form>
                    ) : (
                      <Value c={c} />
                    )}
                  </td>
                  <td className="muted small">{c.source}</td>
                  <td>
                    {mayChange && editing?.key !== c.name && (
                      <div className="row-actions">
                        {c.dynamicallyUpdatable && !c.isSensitive && (
                          <button type="button" className="secondary small" aria-label={`Edit ${c.name}`} onClick={() => setEditing({ key: c.name, draft: c.value ?? "" })}>
                            Edit
                          </button>
                        )}
                        {c.isDynamic && (
                          <button type="button" className="secondary small" aria-label={`Reset ${c.name}`} onClick={() => save({}, [c.name])}>
                            Reset
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
