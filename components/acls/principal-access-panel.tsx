"use client";
import Link from "next/link";
import { useState } from "react";
import { RESOURCE_TYPE_LABELS } from "@/lib/acls/acl-model";
import { describeQuotaEntity, formatQuotaValue, QUOTA_KEYS } from "@/lib/acls/client-quotas";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { topicHref } from "@/components/topics/topic-href";
import { principalLabel } from "./access-labels";
import { AclBindingForm } from "./acl-binding-form";
import { AclBindingTable } from "./acl-binding-table";
import { usePrincipalAccessQuery } from "./acl-queries";
import { AuthorizerNote } from "./authorizer-note";
import { DeleteBindingButton } from "./delete-binding-button";
import styles from "./acls.module.css";

/** "What may this principal do": its bindings (and User:*'s), their effect per resource, its SCRAM credentials and quotas. */
export function PrincipalAccessPanel({ cluster, principal }: { cluster: ClusterView; principal: string }) {
  const { data, error, isPending } = usePrincipalAccessQuery(cluster.id, principal);
  const mayWrite = useCan("acls:write", cluster.id) && !cluster.readOnly;
  const [adding, setAdding] = useState(false);
  return (
    <>
      <p className="muted small crumbs">
        <Link href="/clusters">Clusters</Link> / <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> /{" "}
        <Link href={`/clusters/${cluster.id}/acls`}>access</Link> / principal
      </p>
      <div className="page-head">
        <div>
          <h1>
            <code>{principalLabel(principal)}</code>
            {data?.superUser && <span className="badge">super user</span>}
          </h1>
          <p className="muted">What this principal may do on {cluster.name}.</p>
        </div>
        {mayWrite && !adding && data?.enabled && (
          <div className="actions">
            <button type="button" onClick={() => setAdding(true)}>
              Add bindings
            </button>
          </div>
        )}
      </div>
      {adding && <AclBindingForm clusterId={cluster.id} initial={{ principal }} onDone={() => setAdding(false)} />}
      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {isPending && !error && <p className="muted">Reading its bindings…</p>}
      {data && (
        <>
          <AuthorizerNote enabled={data.enabled} authorizer={data.authorizer} />
          {data.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          {data.scram !== undefined && (
            <p data-testid="principal-scram">
              {data.scram === null
                ? "No SCRAM credentials (it may authenticate otherwise, e.g. PLAIN, mTLS or OAuth)."
                : `SCRAM credentials: ${data.scram.map((c) => `${c.mechanism} (${c.iterations.toLocaleString("en-US")} iterations)`).join(", ")}.`}
            </p>
          )}

          <section className={styles.section} aria-labelledby="principal-may-heading">
            <h2 id="principal-may-heading">What it may do</h2>
            {data.resources.length === 0 ? (
              <p className="muted">No binding of its own or of User:* reaches a resource{data.superUser ? "; as a super user it may do anything" : ""}.</p>
            ) : (
              <table className="table" aria-label="What it may do">
                <thead>
                  <tr>
                    <th>Resource</th>
                    <th>Allowed</th>
                    <th>Denied by a DENY binding</th>
                  </tr>
                </thead>
                <tbody>
                  {data.resources.map((r) => {
                    const allowed = r.access.filter((a) => a.decision.allowed).map((a) => a.operation);
                    const denied = r.access.filter((a) => a.decision.rule === "deny").map((a) => a.operation);
                    return (
                      <tr key={`${r.resource.resourceType}|${r.resource.name}`} className={denied.length ? styles.denyRow : undefined} data-testid="principal-resource-row">
                        <td>
                          {RESOURCE_TYPE_LABELS[r.resource.resourceType]}{" "}
                          {r.resource.resourceType === "TOPIC" ? <Link href={topicHref(cluster.id, r.resource.name)}>{r.resource.name}</Link> : <code>{r.resource.name}</code>}
                        </td>
                        <td className={styles.allowed}>{allowed.join(", ") || <span className="muted">nothing</span>}</td>
                        <td className={styles.denyBinding}>{denied.join(", ")}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>

          <section className={styles.section} aria-labelledby="principal-bindings-heading">
            <h2 id="principal-bindings-heading">Its bindings, and those for everyone</h2>
            {data.bindings.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <AclBindingTable
                clusterId={cluster.id}
                bindings={data.bindings}
                label="Bindings of this principal"
                actions={mayWrite ? (b) => <DeleteBindingButton clusterId={cluster.id} binding={b} /> : undefined}
              />
            )}
          </section>

          {data.quotas !== undefined && (
            <section className={styles.section} aria-labelledby="principal-quotas-heading">
              <h2 id="principal-quotas-heading">Its quotas</h2>
              {data.quotas.length === 0 ? (
                <p className="muted">None of its own (a default user or client-id quota may still apply).</p>
              ) : (
                <ul>
                  {data.quotas.map((q) => (
                    <li key={describeQuotaEntity(q.entity)}>
                      {describeQuotaEntity(q.entity)}:{" "}
                      {QUOTA_KEYS.flatMap((k) => {
                        const v = q.values[k];
                        return v === undefined ? [] : [formatQuotaValue(k, v)];
                      }).join(", ")}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
