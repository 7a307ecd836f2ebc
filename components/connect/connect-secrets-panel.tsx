"use client";
import { useState, type FormEvent } from "react";
import { secretRef } from "@/lib/connect/secret-refs";
import { ActionFailedError } from "@/lib/errors/action-result";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { useConnectSecretsQuery, useDeleteConnectSecretMutation, useSetConnectSecretMutation } from "./connect-secret-queries";

// Secrets for connectors drawn in designs (issue 14, item 5): a design writes ${secret:name}; apply puts the value
// stored here in its place. A value is typed in, sealed on the server and never shown again, not even to admins:
// setting a name that exists replaces its value.

export function ConnectSecretsPanel({ clusterId, mayWrite }: { clusterId: string; mayWrite: boolean }) {
  const { data, error, isPending } = useConnectSecretsQuery(clusterId);
  const remove = useDeleteConnectSecretMutation();
  return (
    <section aria-label="Connect secrets" data-testid="connect-secrets">
      <div className="panel-head">
        <h2>Secrets for connectors in designs</h2>
      </div>
      <p className="muted small">
        A connector in a design refers to a secret as <code>{secretRef("name")}</code> in any config value; apply puts the value stored here in its place.
        Values are encrypted and never shown again.
      </p>
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {isPending && <p className="muted">Reading the secrets…</p>}
      {data && data.length === 0 && <p className="muted small">No secrets yet.</p>}
      {data && data.length > 0 && (
        <table className="table compact" aria-label="Connect secrets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Reference</th>
              <th scope="col">Set</th>
              {mayWrite && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.name} data-testid={`connect-secret-${s.name}`}>
                <th scope="row" className="mono">
                  {s.name}
                </th>
                <td className="mono">{secretRef(s.name)}</td>
                <td className="small">
                  {new Date(s.updatedAt).toLocaleString()} by {s.updatedBy}
                </td>
                {mayWrite && (
                  <td>
                    <ConfirmDialog
                      trigger="Delete"
                      triggerLabel={`Delete secret ${s.name}`}
                      label={`Delete secret ${s.name}`}
                      title={<>Delete secret “{s.name}”?</>}
                      confirmName={s.name}
                      nameLabel="Secret name to confirm"
                      confirmLabel="Delete"
                      onConfirm={(confirmName) => remove.mutateAsync({ clusterId, name: s.name, confirmName })}
                    >
                      <p>Designs that refer to it can no longer be applied until it is set again. Running connectors keep the value they were given.</p>
                    </ConfirmDialog>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayWrite && <SetSecretForm clusterId={clusterId} />}
    </section>
  );
}

function SetSecretForm({ clusterId }: { clusterId: string }) {
  const set = useSetConnectSecretMutation();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const fieldErrors = set.error instanceof ActionFailedError ? (set.error.fieldErrors ?? {}) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    set.mutate(
      { clusterId, name: name.trim(), value },
      {
        onSuccess: (r) => {
          setDone(`${r.created ? "Stored" : "Replaced"} ${secretRef(r.name)}.`);
          setName("");
          setValue("");
        },
      },
    );
  };
  return (
    <form className="form compact inline-form" onSubmit={submit} aria-label="Set a secret" autoComplete="off">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="db-password" spellCheck={false} />
        <FieldError as="span" field="name">
          {fieldErrors.name}
        </FieldError>
      </label>
      <label>
        Value
        {/* A password field: never echoed, and browsers do not offer to save it (autocomplete off). */}
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" />
        <FieldError as="span" field="value">
          {fieldErrors.value}
        </FieldError>
      </label>
      <button type="submit" disabled={!name.trim() || !value || set.isPending}>
        {set.isPending ? "Storing…" : "Set secret"}
      </button>
      {!fieldErrors.name && !fieldErrors.value && <FormError>{set.error ? errorMessage(set.error) : null}</FormError>}
      {done && (
        <p className="small" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
