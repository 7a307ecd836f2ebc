"use client";
import Link from "next/link";
import { useState } from "react";
import { describeQuotaEntity, formatQuotaValue, QUOTA_KEY_LABELS, QUOTA_KEYS, quotaEntityKey, type ClientQuotaEntry, type QuotaKey } from "@/lib/acls/client-quotas";
import { ActionFailedError } from "@/lib/errors/action-result";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { FormActions } from "@/components/ui/form-actions";
import { principalHref } from "./access-labels";
import { useClientQuotasQuery, useSetClientQuotasMutation } from "./acl-queries";
import { draftOfEntry, EMPTY_QUOTA_DRAFT, quotaChange, type PartChoice, type QuotaDraft } from "./quota-draft";

function PartChooser({ label, choice, name, onChoice, onName }: { label: string; choice: PartChoice; name: string; onChoice: (c: PartChoice) => void; onName: (n: string) => void }) {
  return (
    <>
      <label>
        {label}
        <select value={choice} onChange={(e) => onChoice(e.target.value as PartChoice)}>
          <option value="none">any (not part of this quota)</option>
          <option value="default">the default (every one without its own)</option>
          <option value="name">this one:</option>
        </select>
      </label>
      {choice === "name" && (
        <label>
          {label} name
          <input value={name} onChange={(e) => onName(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
      )}
    </>
  );
}

function QuotaForm({ clusterId, entry, onDone }: { clusterId: string; entry: ClientQuotaEntry | null; onDone: () => void }) {
  const [draft, setDraft] = useState<QuotaDraft>(entry ? draftOfEntry(entry) : EMPTY_QUOTA_DRAFT);
  const save = useSetClientQuotasMutation();
  const set = (patch: Partial<QuotaDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const fieldErrors = save.error instanceof ActionFailedError ? save.error.fieldErrors : undefined;
  return (
    <form
      className="form card"
      aria-label={entry ? `Edit quota of ${describeQuotaEntity(entry.entity)}` : "Add a quota"}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(quotaChange(clusterId, draft, entry?.values ?? {}), { onSuccess: onDone });
      }}
    >
      <h2>{entry ? `Quota of ${describeQuotaEntity(entry.entity)}` : "Add a quota"}</h2>
      {!entry && (
        <>
          <PartChooser label="User" choice={draft.user} name={draft.userName} onChoice={(user) => set({ user })} onName={(userName) => set({ userName })} />
          <PartChooser label="Client id" choice={draft.client} name={draft.clientName} onChoice={(client) => set({ client })} onName={(clientName) => set({ clientName })} />
          <FieldError field="entity">{fieldErrors?.entity}</FieldError>
        </>
      )}
      {QUOTA_KEYS.map((k) => (
        <label key={k}>
          {QUOTA_KEY_LABELS[k].label} ({QUOTA_KEY_LABELS[k].unit})
          <input inputMode="decimal" value={draft.values[k]} onChange={(e) => set({ values: { ...draft.values, [k]: e.target.value } })} placeholder="no quota" />
          <FieldError field={`set.${k}`}>{fieldErrors?.[`set.${k}`]}</FieldError>
        </label>
      ))}
      <p className="hint">Empty: no quota of its own for that key (the next rule in Kafka&apos;s order applies, or none).</p>
      <FormError>{save.error && !Object.keys(fieldErrors ?? {}).some((k) => k.startsWith("set.") || k === "entity") ? errorMessage(save.error) : null}</FormError>
      <FormActions label="Save quota" pending={save.isPending} onCancel={onDone} />
    </form>
  );
}

function QuotaCell({ quotaKey, value }: { quotaKey: QuotaKey; value: number | undefined }) {
  return <td>{value !== undefined ? formatQuotaValue(quotaKey, value) : <span className="muted">—</span>}</td>;
}

/** Client quotas per user, per client id, or both: listed, added and edited. */
export function ClientQuotasPanel({ clusterId, readOnly }: { clusterId: string; readOnly: boolean }) {
  const { data, error, isPending } = useClientQuotasQuery(clusterId);
  const [editing, setEditing] = useState<{ entry: ClientQuotaEntry | null } | null>(null);
  const mayWrite = useCan("acls:write", clusterId) && !readOnly;
  return (
    <>
      <p className="muted small">
        Byte rates are per broker. The most specific quota applies: user and client id, then user, then client id (a named one before the default).
      </p>
      {mayWrite && !editing && (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ entry: null })}>
            Add quota
          </button>
        </div>
      )}
      {editing && <QuotaForm key={editing.entry ? quotaEntityKey(editing.entry.entity) : "new"} clusterId={clusterId} entry={editing.entry} onDone={() => setEditing(null)} />}
      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {isPending && !error && <p className="muted">Reading the quotas…</p>}
      {data && data.entries.length === 0 && <p className="muted">No client quotas on this cluster.</p>}
      {data && data.entries.length > 0 && (
        <table className="table" aria-label="Client quotas">
          <thead>
            <tr>
              <th>For</th>
              {QUOTA_KEYS.map((k) => (
                <th key={k}>{QUOTA_KEY_LABELS[k].label}</th>
              ))}
              {mayWrite && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => {
              const user = e.entity.find((p) => p.type === "user" && p.name !== null)?.name;
              return (
                <tr key={quotaEntityKey(e.entity)} data-testid="quota-row">
                  <td>{user ? <Link href={principalHref(clusterId, `User:${user}`)}>{describeQuotaEntity(e.entity)}</Link> : describeQuotaEntity(e.entity)}</td>
                  {QUOTA_KEYS.map((k) => (
                    <QuotaCell key={k} quotaKey={k} value={e.values[k]} />
                  ))}
                  {mayWrite && (
                    <td className="row-actions">
                      <button type="button" className="secondary small" aria-label={`Edit quota of ${describeQuotaEntity(e.entity)}`} onClick={() => setEditing({ entry: e })}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
