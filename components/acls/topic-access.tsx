"use client";
import Link from "next/link";
import { useState } from "react";
import type { AclOperation } from "@/lib/acls/acl-model";
import type { OperationAccess } from "@/lib/acls/effective-access";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { decisionLabel, isNamedPrincipal, principalHref, principalLabel } from "./access-labels";
import { AclBindingTable } from "./acl-binding-table";
import { useTopicAccessQuery } from "./acl-queries";
import { AuthorizerNote } from "./authorizer-note";
import styles from "./acls.module.css";

const SHOWN: AclOperation[] = ["READ", "WRITE", "DESCRIBE"];

function Cell({ access }: { access: OperationAccess | undefined }) {
  if (!access) return <td />;
  const l = decisionLabel(access.decision);
  const cls = l.tone === "allowed" ? styles.allowed : l.tone === "deny-binding" ? styles.denyBinding : styles.denied;
  return (
    <td className={cls} title={l.why}>
      {l.tone === "deny-binding" ? "denied (DENY)" : l.text}
    </td>
  );
}

/**
 * "Who can read and write this topic", for the topic page: each principal a binding on the topic names (literal,
 * prefix or *), everyone (User:*) and anyone else, with what the authorizer answers for READ, WRITE and DESCRIBE,
 * and the bindings behind it. Read when opened; hidden from roles that may not read ACLs.
 */
export function TopicAccess({ clusterId, topic }: { clusterId: string; topic: string }) {
  const mayRead = useCan("acls:read", clusterId);
  const [open, setOpen] = useState(false);
  const { data, error, isFetching } = useTopicAccessQuery(clusterId, topic, open && mayRead);
  if (!mayRead) return null;
  return (
    <section className={styles.section} aria-labelledby="topic-access-heading" data-testid="topic-access">
      <h2 id="topic-access-heading">
        <button type="button" className="link" aria-expanded={open} aria-controls="topic-access-body" onClick={() => setOpen((o) => !o)}>
          {open ? "▾" : "▸"} Who can read and write this topic
        </button>
      </h2>
      {open && (
        <div id="topic-access-body">
          {error && (
            <div className="banner error" role="alert">
              {errorMessage(error)}
            </div>
          )}
          {!data && !error && <p className="muted">{isFetching ? "Reading the bindings…" : ""}</p>}
          {data && <AuthorizerNote enabled={data.enabled} authorizer={data.authorizer} />}
          {data?.access && (
            <>
              <table className="table" aria-label="Who can read and write this topic">
                <thead>
                  <tr>
                    <th>Principal</th>
                    {SHOWN.map((op) => (
                      <th key={op}>{op}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.access.rows.map((row) => (
                    <tr key={row.principal} data-testid="topic-access-row">
                      <td>{isNamedPrincipal(row.principal) ? <Link href={principalHref(clusterId, row.principal)}>{principalLabel(row.principal)}</Link> : principalLabel(row.principal)}</td>
                      {SHOWN.map((op) => (
                        <Cell key={op} access={row.access.find((a) => a.operation === op)} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.access.noAcls ? (
                <p className="muted small">No binding applies to this topic.</p>
              ) : (
                <>
                  <h3>Bindings that apply to this topic</h3>
                  <AclBindingTable clusterId={clusterId} bindings={data.access.bindings} label="Bindings on this topic" />
                </>
              )}
              <p className="small">
                <Link href={`/clusters/${clusterId}/acls?tab=acls`}>All bindings of this cluster</Link>
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
