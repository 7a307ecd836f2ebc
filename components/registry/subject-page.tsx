"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { prettySchema } from "@/lib/registry/schema-diff";
import type { SubjectDetail } from "@/lib/registry/registry-types";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { RegistryReadState } from "./registry-read-state";
import { registryHref, useDeleteSubjectMutation, useDeleteVersionMutation, useSubjectQuery, useVersionQuery } from "./registry-queries";
import { SchemaDiff } from "./schema-diff";
import { SchemaTextForm } from "./schema-text-form";
import "./registry.css";
import { SubjectSettings } from "./subject-settings";

/** One subject: its versions, a version's schema and a diff with another, level and mode, a new version, deletes. */
export function SubjectPage({ cluster, subject }: { cluster: ClusterView; subject: string }) {
  const mayWrite = useCan("registry:write", cluster.id) && !cluster.readOnly;
  const { data, error, isPending } = useSubjectQuery(cluster.id, subject);
  const [adding, setAdding] = useState(false);
  return (
    <div>
      <p className="muted small crumbs">
        <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> › <Link href={registryHref(cluster.id)}>Schema Registry</Link> › {subject}
      </p>
      <h1>{subject}</h1>
      <RegistryReadState error={error} isPending={isPending} />
      {data && (
        <>
          <SubjectSettings clusterId={cluster.id} detail={data} mayWrite={mayWrite} />
          {data.referencedBy.length > 0 && (
            <p className="small" data-testid="referenced-by">
              Schemas that refer to version {data.latest?.version}: ids {data.referencedBy.join(", ")}
            </p>
          )}
          <Versions clusterId={cluster.id} detail={data} mayWrite={mayWrite} />
          {mayWrite && !adding && (
            <button type="button" onClick={() => setAdding(true)}>
              New version
            </button>
          )}
          {adding && data.latest && (
            <SchemaTextForm
              clusterId={cluster.id}
              subject={subject}
              initial={{ schemaType: data.latest.schemaType, schema: prettySchema(data.latest.schemaType, data.latest.schema), references: data.latest.references }}
              mayRegister={mayWrite}
              onRegistered={() => setAdding(false)}
              onCancel={() => setAdding(false)}
            />
          )}
          {mayWrite && <DeleteSubject clusterId={cluster.id} detail={data} />}
        </>
      )}
    </div>
  );
}

function Versions({ clusterId, detail, mayWrite }: { clusterId: string; detail: SubjectDetail; mayWrite: boolean }) {
  const newest = detail.latest?.version ?? detail.versions[detail.versions.length - 1];
  const [shown, setShown] = useState<number>(newest);
  const [against, setAgainst] = useState<number | null>(null);
  const current = detail.versions.includes(shown) ? shown : newest;
  const version = useVersionQuery(clusterId, detail.subject, current);
  const other = useVersionQuery(clusterId, detail.subject, against);
  const deleted = new Set(detail.deletedVersions);
  const removeVersion = useDeleteVersionMutation();
  const v = version.data;
  return (
    <section aria-label="Versions">
      <h2>Versions</h2>
      <div className="actions" role="group" aria-label="Choose a version">
        {detail.versions.map((n) => (
          <button key={n} type="button" className={n === current ? "small" : "secondary small"} aria-pressed={n === current} onClick={() => setShown(n)}>
            {n}
            {deleted.has(n) ? " (deleted)" : ""}
          </button>
        ))}
      </div>
      {version.error && <p className="error">{errorMessage(version.error)}</p>}
      {v && (
        <div className="card" data-testid="schema-version">
          <p className="small">
            Version {v.version} · schema id <strong data-testid="schema-id">{v.id}</strong> · {v.schemaType}
            {v.deleted && <span className="badge warn">soft-deleted</span>}
          </p>
          {v.references.length > 0 && (
            <p className="small" data-testid="references">
              References: {v.references.map((r) => `${r.name} → ${r.subject} v${r.version}`).join("; ")}
            </p>
          )}
          <label className="small">
            Compare with version{" "}
            <select value={against ?? ""} onChange={(e) => setAgainst(e.target.value ? Number(e.target.value) : null)} aria-label="Compare with version">
              <option value="">(none)</option>
              {detail.versions
                .filter((n) => n !== v.version)
                .map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
            </select>
          </label>
          {against !== null && other.data ? (
            <SchemaDiff schemaType={v.schemaType} oldText={other.data.schema} newText={v.schema} oldLabel={`version ${other.data.version}`} newLabel={`version ${v.version}`} />
          ) : (
            <pre className="payload-body" data-testid="schema-text">
              {prettySchema(v.schemaType, v.schema)}
            </pre>
          )}
          {mayWrite && (
            <ConfirmDialog
              trigger={v.deleted ? `Delete version ${v.version} permanently` : `Delete version ${v.version}`}
              label={`Delete version ${v.version} of ${detail.subject}`}
              title={<>{v.deleted ? "Permanently delete" : "Delete"} version {v.version} of “{detail.subject}”?</>}
              confirmName={detail.subject}
              nameLabel="Subject name to confirm"
              confirmLabel={v.deleted ? "Delete permanently" : "Delete"}
              onConfirm={(confirmName) => removeVersion.mutateAsync({ clusterId, subject: detail.subject, version: v.version, permanent: v.deleted, confirmName })}
            >
              <p>{v.deleted ? "The version and its schema id go for good: messages written with it can no longer be decoded through the registry." : "A soft delete: the version leaves the subject, its schema id still decodes messages. A permanent delete can follow."}</p>
            </ConfirmDialog>
          )}
        </div>
      )}
    </section>
  );
}

function DeleteSubject({ clusterId, detail }: { clusterId: string; detail: SubjectDetail }) {
  const remove = useDeleteSubjectMutation();
  const router = useRouter();
  const allDeleted = detail.deletedVersions.length === detail.versions.length;
  return (
    <section aria-label="Danger zone" className="danger-zone">
      <ConfirmDialog
        trigger={allDeleted ? "Delete subject permanently" : "Delete subject"}
        label={`Delete subject ${detail.subject}`}
        title={<>{allDeleted ? "Permanently delete" : "Delete"} subject “{detail.subject}”?</>}
        confirmName={detail.subject}
        nameLabel="Subject name to confirm"
        confirmLabel={allDeleted ? "Delete permanently" : "Delete"}
        onConfirm={(confirmName) => remove.mutateAsync({ clusterId, subject: detail.subject, permanent: allDeleted, confirmName })}
        onDone={allDeleted ? () => router.push(registryHref(clusterId)) : undefined}
      >
        <p>
          {allDeleted
            ? "Every version and schema id of the subject goes for good."
            : "A soft delete of every version: the subject leaves the list, its schema ids still decode messages. A permanent delete can follow."}
        </p>
      </ConfirmDialog>
    </section>
  );
}
