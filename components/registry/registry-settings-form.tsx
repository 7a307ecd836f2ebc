"use client";
import { useState, type FormEvent } from "react";
import { REGISTRY_AUTH_KINDS, registrySettingsValuesSchema, type RegistryAuthKind } from "@/lib/registry/registry-schemas";
import type { RegistrySettingsView } from "@/lib/registry/registry-types";
import { FieldError, FormError } from "@/components/ui/field-error";
import { FormActions, TestButton } from "@/components/ui/form-actions";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { useSaveRegistrySettingsMutation, useTestRegistrySettingsMutation } from "./registry-queries";

const AUTH_LABELS: Record<RegistryAuthKind, string> = { none: "None", basic: "Basic (user and password)", bearer: "Bearer token" };

/** The registry's URL and credentials; the password or token is write-only ("set" shows it is stored). */
export function RegistrySettingsForm({ clusterId, existing, onDone }: { clusterId: string; existing: RegistrySettingsView | null; onDone: () => void }) {
  const [url, setUrl] = useState(existing?.url ?? "");
  const [authKind, setAuthKind] = useState<RegistryAuthKind>(existing?.authKind ?? "none");
  const [username, setUsername] = useState(existing?.username ?? "");
  const [secret, setSecret] = useState("");
  const [tested, setTested] = useState<string | null>(null);
  const save = useSaveRegistrySettingsMutation();
  const test = useTestRegistrySettingsMutation();
  const secretStored = !!existing?.hasSecret && existing.authKind === authKind;
  const secretWord = authKind === "bearer" ? "Token" : "Password";

  const values = () => ({ url, authKind, username: authKind === "basic" ? username || null : null, secret: secret || undefined });
  const { errors, formError, attempt } = useCheckedForm(registrySettingsValuesSchema, values);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await attempt(async () => {
      await save.mutateAsync({ clusterId, ...values() });
      onDone();
    });
  }

  async function onTest() {
    setTested(null);
    await attempt(async () => {
      const r = await test.mutateAsync({ clusterId, ...values() });
      setTested(`The registry answered: global compatibility level ${r.compatibility}.`);
    });
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Schema Registry settings">
      <label>
        Schema Registry URL
        <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://schema-registry:8081" spellCheck={false} autoComplete="off" />
      </label>
      <p className="hint">A Confluent-compatible Schema Registry. Checked by the network policy when saved and at every call.</p>
      <FieldError field="url" alert>
        {errors.url}
      </FieldError>
      <div className="form-row">
        <label>
          Authentication
          <select value={authKind} onChange={(e) => setAuthKind(e.target.value as RegistryAuthKind)}>
            {REGISTRY_AUTH_KINDS.map((k) => (
              <option key={k} value={k}>
                {AUTH_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {authKind === "basic" && (
          <label>
            User
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
          </label>
        )}
        {authKind !== "none" && (
          <label>
            {secretWord}
            {secretStored && (
              <span className="badge" data-testid="registry-secret-set">
                set
              </span>
            )}
            <input
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              placeholder={secretStored ? "stored: type to replace, blank keeps it" : ""}
              autoComplete="new-password"
              aria-label={secretWord}
            />
          </label>
        )}
      </div>
      <FieldError field="username">{errors.username}</FieldError>
      <FieldError field="secret">{errors.secret}</FieldError>
      <FormError>{formError}</FormError>
      {tested && (
        <p className="ok small" role="status" data-testid="registry-test-result">
          {tested}
        </p>
      )}
      <FormActions label="Save" pending={save.isPending} onCancel={onDone}>
        <TestButton onTest={onTest} testing={test.isPending} />
      </FormActions>
    </form>
  );
}
