"use client";
import { useState, type FormEvent } from "react";
import { connectClusterValuesSchema } from "@/lib/connect/connect-schemas";
import type { ConnectClusterView, ConnectWorkerInfo } from "@/lib/connect/connect-types";
import { FieldError, FormError } from "@/components/ui/field-error";
import { FormActions, TestButton } from "@/components/ui/form-actions";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { useCreateConnectClusterMutation, useTestConnectClusterMutation, useUpdateConnectClusterMutation } from "./connect-queries";

interface Props {
  clusterId: string;
  /** The Connect cluster being edited; none to add one. */
  existing?: ConnectClusterView;
  onDone: () => void;
}

/** Adds or edits a Connect cluster: its REST URL and optional basic auth (the password is write-only). */
export function ConnectClusterForm({ clusterId, existing, onDone }: Props) {
  const [name, setName] = useState(existing?.name ?? "");
  const [url, setUrl] = useState(existing?.url ?? "");
  const [username, setUsername] = useState(existing?.username ?? "");
  const [password, setPassword] = useState("");
  const [clearPassword, setClearPassword] = useState(false);
  const [tested, setTested] = useState<ConnectWorkerInfo | null>(null);
  const create = useCreateConnectClusterMutation();
  const update = useUpdateConnectClusterMutation();
  const test = useTestConnectClusterMutation();

  const values = () => ({ name, url, username: username || null, password: password || undefined, clearPassword });
  const { errors, formError, attempt } = useCheckedForm(connectClusterValuesSchema, values);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await attempt(async () => {
      if (existing) await update.mutateAsync({ clusterId, connectId: existing.id, ...values() });
      else await create.mutateAsync({ clusterId, ...values() });
      onDone();
    });
  }

  async function onTest() {
    setTested(null);
    await attempt(async () => setTested(await test.mutateAsync({ clusterId, connectId: existing?.id, ...values() })));
  }

  const pending = create.isPending || update.isPending;
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={existing ? `Edit Connect cluster ${existing.name}` : "Add Connect cluster"}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. connect-prod" autoComplete="off" />
      </label>
      <FieldError field="name" alert>
        {errors.name}
      </FieldError>
      <label>
        REST URL
        <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://connect:8083" spellCheck={false} autoComplete="off" />
      </label>
      <p className="hint">Any worker of the Connect cluster; it forwards what only its leader can do. Checked by the network policy.</p>
      <FieldError field="url" alert>
        {errors.url}
      </FieldError>
      <div className="form-row">
        <label>
          User (basic auth, optional)
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={existing?.hasPassword ? "stored: leave blank to keep" : ""}
            autoComplete="new-password"
            disabled={!username}
          />
        </label>
      </div>
      {existing?.hasPassword && (
        <label className="check">
          <input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} /> Remove the stored password
        </label>
      )}
      <FieldError field="password">{errors.password}</FieldError>
      <FormError>{formError}</FormError>
      {tested && (
        <p className="ok small" role="status" data-testid="connect-test-result">
          Kafka Connect {tested.version} (commit {tested.commit}), {tested.plugins.length} connector plugin{tested.plugins.length === 1 ? "" : "s"}.
        </p>
      )}
      <FormActions label={existing ? "Save" : "Add Connect cluster"} pending={pending} onCancel={onDone}>
        <TestButton onTest={onTest} testing={test.isPending} />
      </FormActions>
    </form>
  );
}
