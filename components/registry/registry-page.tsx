"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import type { RegistryStatus } from "@/lib/registry/registry-types";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { RegistrySettingsForm } from "./registry-settings-form";
import { RegistryReadState } from "./registry-read-state";
import { subjectHref, SUBJECTS_PAGE, useRegistryStatusQuery, useRemoveRegistrySettingsMutation, useSubjectsQuery } from "./registry-queries";
import { SchemaTextForm } from "./schema-text-form";
import "./registry.css";

/** A cluster's Schema Registry: its settings (admins), then its subjects, searched and paged on the server. */
export function RegistryPage({ cluster, initial }: { cluster: ClusterView; initial: RegistryStatus }) {
  const mayManage = useCan("clusters:manage", cluster.id);
  const mayWrite = useCan("registry:write", cluster.id) && !cluster.readOnly;
  const status = useRegistryStatusQuery(cluster.id, initial);
  const [editing, setEditing] = useState(false);
  const [registering, setRegistering] = useState(false);
  const remove = useRemoveRegistrySettingsMutation();
  const router = useRouter();
  const settings = status.data?.settings ?? null;

  return (
    <div>
      <p className="muted small crumbs">
        <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> › Schema Registry
      </p>
      <h1>Schema Registry {cluster.readOnly && <span className="badge warn">read-only</span>}</h1>
      <section aria-label="Registry settings">
        {editing ? (
          <RegistrySettingsForm clusterId={cluster.id} existing={settings} onDone={() => setEditing(false)} />
        ) : settings ? (
          <div className="card panel-head" data-testid="registry-settings">
            <div>
              <code>{settings.url}</code> {settings.authKind !== "none" && <span className="badge">{settings.authKind === "basic" ? `basic auth: ${settings.username}` : "bearer token"}</span>}
              {status.data?.compatibility && <span className="badge">global level {status.data.compatibility}</span>}
              {status.data?.mode && <span className="badge">mode {status.data.mode}</span>}
              {status.data?.error && (
                <p className="error small" role="alert">
                  {status.data.error}
                </p>
              )}
            </div>
            {mayManage && (
              <div className="row-actions">
                <button type="button" className="secondary small" onClick={() => setEditing(true)}>
                  Edit
                </button>
                <ConfirmDialog
                  trigger="Remove"
                  label="Remove the Schema Registry"
                  title="Remove this Schema Registry from Topiary?"
                  confirmName={settings.url}
                  nameLabel="Registry URL to confirm"
                  confirmLabel="Remove"
                  onConfirm={(confirmUrl) => remove.mutateAsync({ clusterId: cluster.id, confirmUrl })}
                >
                  <p>Only Topiary forgets it: the registry and its schemas are untouched. Framed messages are then shown undecoded.</p>
                </ConfirmDialog>
              </div>
            )}
          </div>
        ) : (
          <p className="muted" data-testid="no-registry">
            This cluster has no Schema Registry.{" "}
            {mayManage ? (
              <button type="button" className="secondary small" onClick={() => setEditing(true)}>
                Add its URL
              </button>
            ) : (
              "An admin can add its URL."
            )}
          </p>
        )}
      </section>
      {settings && (
        <>
          {mayWrite && !registering && (
            <button type="button" className="secondary small" onClick={() => setRegistering(true)}>
              Register a new subject
            </button>
          )}
          {registering && <SchemaTextForm clusterId={cluster.id} mayRegister={mayWrite} onRegistered={(r) => router.push(subjectHref(cluster.id, r.subject))} onCancel={() => setRegistering(false)} />}
          <SubjectList clusterId={cluster.id} />
        </>
      )}
    </div>
  );
}

function SubjectList({ clusterId }: { clusterId: string }) {
  const [search, setSearch] = useState("");
  const [deleted, setDeleted] = useState(false);
  const [page, setPage] = useState(0);
  const { data, error, isPending, isFetching } = useSubjectsQuery(clusterId, { search, deleted, page }, true);
  return (
    <section aria-label="Subjects">
      <div className="actions">
        <input type="search" value={search} onChange={(e) => (setSearch(e.target.value), setPage(0))} placeholder="Search subjects" aria-label="Search subjects" />
        <label className="check">
          <input type="checkbox" checked={deleted} onChange={(e) => (setDeleted(e.target.checked), setPage(0))} /> Show soft-deleted
        </label>
        {isFetching && <span className="muted small">Asking the registry…</span>}
      </div>
      <RegistryReadState error={error} isPending={isPending} />
      {data && (
        <>
          <p className="muted small" data-testid="subject-count">
            {data.total.toLocaleString("en-US")} subject{data.total === 1 ? "" : "s"}
          </p>
          <table className="table" aria-label="Subjects">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Latest version</th>
                <th>Schema id</th>
                <th>Type</th>
                <th>Compatibility</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.subject} data-testid="subject-row">
                  <td>
                    <Link href={subjectHref(clusterId, r.subject)}>{r.subject}</Link> {r.deleted && <span className="badge warn">soft-deleted</span>}
                  </td>
                  {r.error ? (
                    <td colSpan={4} className="error small">
                      {r.error}
                    </td>
                  ) : (
                    <>
                      <td>{r.latestVersion}</td>
                      <td>{r.schemaId}</td>
                      <td>{r.schemaType}</td>
                      <td>
                        {r.compatibility}
                        {r.compatibilityIsGlobal && <span className="muted small"> (global)</span>}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pages={Math.ceil(data.total / SUBJECTS_PAGE)} onPage={setPage} />
        </>
      )}
    </section>
  );
}
