"use client";
import Link from "next/link";
import { useState } from "react";
import { SCRAM_MECHANISMS, type ScramMechanism, type ScramPasswordSet } from "@/lib/acls/scram-users";
import { ActionFailedError } from "@/lib/errors/action-result";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { FormActions } from "@/components/ui/form-actions";
import { principalHref } from "./access-labels";
import { useChangeScramPasswordMutation, useCreateScramUserMutation, useDeleteScramUserMutation, useScramUsersQuery } from "./acl-queries";
import styles from "./acls.module.css";

/** A password Topiary generated, shown this once (it is kept nowhere). */
export function PasswordOnce({ result, onDismiss }: { result: ScramPasswordSet; onDismiss: () => void }) {
  return (
    <div className="card" role="status" data-testid="password-once">
      <p>
        {result.generatedPassword ? (
          <>
            The password of <strong>{result.principal}</strong> ({result.mechanism}). It is shown this once: copy it now, Topiary does not keep it.
          </>
        ) : (
          <>
            The password of <strong>{result.principal}</strong> ({result.mechanism}) is set to the one you typed.
          </>
        )}
      </p>
      {result.generatedPassword && (
        <>
          <code className={styles.secret} data-testid="generated-password">
            {result.generatedPassword}
          </code>
          <div className="actions">
            <button type="button" className="secondary small" onClick={() => void navigator.clipboard?.writeText(result.generatedPassword ?? "")}>
              Copy
            </button>
          </div>
        </>
      )}
      <div className="actions">
        <button type="button" className="small" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}

function PasswordFields({ generate, setGenerate, password, setPassword, mechanism, setMechanism, error }: {
  generate: boolean;
  setGenerate: (v: boolean) => void;
  password: string;
  setPassword: (v: string) => void;
  mechanism: ScramMechanism;
  setMechanism: (m: ScramMechanism) => void;
  error?: string;
}) {
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={generate} onChange={(e) => setGenerate(e.target.checked)} /> Generate a password (shown once)
      </label>
      {!generate && (
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          <FieldError field="password">{error}</FieldError>
        </label>
      )}
      <label>
        Mechanism
        <select value={mechanism} onChange={(e) => setMechanism(e.target.value as ScramMechanism)}>
          {SCRAM_MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function CreateUserForm({ clusterId, onCreated, onCancel }: { clusterId: string; onCreated: (r: ScramPasswordSet) => void; onCancel: () => void }) {
  const [username, setUsername] = useState("");
  const [generate, setGenerate] = useState(true);
  const [password, setPassword] = useState("");
  const [mechanism, setMechanism] = useState<ScramMechanism>("SCRAM-SHA-512");
  const create = useCreateScramUserMutation();
  const fieldErrors = create.error instanceof ActionFailedError ? create.error.fieldErrors : undefined;
  return (
    <form
      className="form card"
      aria-label="Create a SCRAM user"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ clusterId, username: username.trim(), generatePassword: generate, ...(generate ? {} : { password }), mechanism }, { onSuccess: onCreated });
      }}
    >
      <h2>Create a user</h2>
      <label>
        User name
        <input value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} autoComplete="off" />
        <FieldError field="username">{fieldErrors?.username}</FieldError>
      </label>
      <PasswordFields generate={generate} setGenerate={setGenerate} password={password} setPassword={setPassword} mechanism={mechanism} setMechanism={setMechanism} error={fieldErrors?.password} />
      <FormError>{create.error && !fieldErrors?.username && !fieldErrors?.password ? errorMessage(create.error) : null}</FormError>
      <FormActions label="Create user" pending={create.isPending} pendingLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}

function ChangePasswordForm({ clusterId, username, onChanged, onCancel }: { clusterId: string; username: string; onChanged: (r: ScramPasswordSet) => void; onCancel: () => void }) {
  const [generate, setGenerate] = useState(true);
  const [password, setPassword] = useState("");
  const [mechanism, setMechanism] = useState<ScramMechanism>("SCRAM-SHA-512");
  const change = useChangeScramPasswordMutation();
  const fieldErrors = change.error instanceof ActionFailedError ? change.error.fieldErrors : undefined;
  return (
    <form
      className="form card"
      aria-label={`Change the password of ${username}`}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ clusterId, username, generatePassword: generate, ...(generate ? {} : { password }), mechanism }, { onSuccess: onChanged });
      }}
    >
      <h2>
        New password for <code>{username}</code>
      </h2>
      <PasswordFields generate={generate} setGenerate={setGenerate} password={password} setPassword={setPassword} mechanism={mechanism} setMechanism={setMechanism} error={fieldErrors?.password} />
      <p className="hint">Clients that connect with the old password are refused from their next connection on.</p>
      <FormError>{change.error && !fieldErrors?.password ? errorMessage(change.error) : null}</FormError>
      <FormActions label="Change password" pending={change.isPending} pendingLabel="Changing…" onCancel={onCancel} />
    </form>
  );
}

type Editing = { mode: "none" } | { mode: "create" } | { mode: "password"; username: string };

/** The cluster's SCRAM users: create (password generated or typed, shown once), change a password, delete. */
export function ScramUsersPanel({ clusterId, readOnly }: { clusterId: string; readOnly: boolean }) {
  const { data, error, isPending } = useScramUsersQuery(clusterId);
  const [editing, setEditing] = useState<Editing>({ mode: "none" });
  const [shown, setShown] = useState<ScramPasswordSet | null>(null);
  const remove = useDeleteScramUserMutation();
  const mayWrite = useCan("acls:write", clusterId) && !readOnly;
  const done = (r: ScramPasswordSet) => {
    setEditing({ mode: "none" });
    setShown(r);
  };

  return (
    <>
      <p className="muted small">Principals with SCRAM credentials. Kafka keeps a salted hash per mechanism; Topiary keeps no password.</p>
      {shown && <PasswordOnce result={shown} onDismiss={() => setShown(null)} />}
      {mayWrite && editing.mode === "none" && !shown && (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ mode: "create" })}>
            Create user
          </button>
        </div>
      )}
      {editing.mode === "create" && <CreateUserForm clusterId={clusterId} onCreated={done} onCancel={() => setEditing({ mode: "none" })} />}
      {editing.mode === "password" && <ChangePasswordForm clusterId={clusterId} username={editing.username} onChanged={done} onCancel={() => setEditing({ mode: "none" })} />}
      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {isPending && !error && <p className="muted">Reading the users…</p>}
      {data && data.users.length === 0 && <p className="muted">No SCRAM users on this cluster.</p>}
      {data && data.users.length > 0 && (
        <table className="table" aria-label="SCRAM users">
          <thead>
            <tr>
              <th>User</th>
              <th>Credentials</th>
              {mayWrite && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.name} data-testid={`scram-user-${u.name}`}>
                <td>
                  <Link href={principalHref(clusterId, u.principal)}>{u.principal}</Link>
                </td>
                <td>{u.credentials.map((c) => `${c.mechanism} (${c.iterations.toLocaleString("en-US")} iterations)`).join(", ")}</td>
                {mayWrite && (
                  <td className="row-actions">
                    <button type="button" className="secondary small" onClick={() => (setShown(null), setEditing({ mode: "password", username: u.name }))}>
                      Change password
                    </button>
                    <ConfirmDialog
                      trigger="Delete"
                      triggerLabel={`Delete user ${u.name}`}
                      label={`Delete user ${u.name}`}
                      title={`Delete user “${u.name}”?`}
                      confirmName={u.name}
                      nameLabel="User name to confirm"
                      confirmLabel="Delete user"
                      pendingLabel="Deleting…"
                      onConfirm={() => remove.mutateAsync({ clusterId, username: u.name, confirmName: u.name })}
                    >
                      <p>Its SCRAM credentials are deleted: clients signing in as {u.principal} are refused. Its ACL bindings stay (they name the principal).</p>
                    </ConfirmDialog>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
