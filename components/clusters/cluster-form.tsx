"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  SASL_MECHANISMS,
  clusterInputSchema,
  type ClusterInput,
  type ClusterView,
  type SaslMechanism,
} from "@/lib/clusters/cluster-schema";
import { ActionFailedError } from "@/lib/errors/action-result";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { useCreateClusterMutation, useTestConnectionMutation, useUpdateClusterMutation } from "./cluster-queries";

interface FormState {
  name: string;
  bootstrapServers: string;
  readOnly: boolean;
  tlsEnabled: boolean;
  tlsRejectUnauthorized: boolean;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  saslMechanism: "" | SaslMechanism;
  saslUsername: string;
  saslPassword: string;
}

function initialState(cluster?: ClusterView): FormState {
  return {
    name: cluster?.name ?? "",
    bootstrapServers: cluster?.bootstrapServers ?? "",
    readOnly: cluster?.readOnly ?? false,
    tlsEnabled: cluster?.tls.enabled ?? false,
    tlsRejectUnauthorized: cluster?.tls.rejectUnauthorized ?? true,
    tlsCa: cluster?.tls.ca ?? "",
    tlsCert: cluster?.tls.cert ?? "",
    tlsKey: "",
    saslMechanism: cluster?.sasl?.mechanism ?? "",
    saslUsername: cluster?.sasl?.username ?? "",
    saslPassword: "",
  };
}

function toInput(s: FormState): ClusterInput {
  return {
    name: s.name,
    readOnly: s.readOnly,
    connection: {
      bootstrapServers: s.bootstrapServers,
      tls: {
        enabled: s.tlsEnabled,
        rejectUnauthorized: s.tlsRejectUnauthorized,
        ca: s.tlsCa || undefined,
        cert: s.tlsCert || undefined,
        key: s.tlsKey || undefined,
      },
      sasl: s.saslMechanism ? { mechanism: s.saslMechanism, username: s.saslUsername, password: s.saslPassword || undefined } : null,
    },
  };
}

const SASL_LABELS: Record<SaslMechanism, string> = {
  plain: "PLAIN",
  "scram-sha-256": "SCRAM-SHA-256",
  "scram-sha-512": "SCRAM-SHA-512",
};

export function ClusterForm({ cluster }: { cluster?: ClusterView }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>(() => initialState(cluster));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateClusterMutation();
  const update = useUpdateClusterMutation();
  const test = useTestConnectionMutation();
  const saving = create.isPending || update.isPending;
  const mayManage = useCan("clusters:manage", null);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    test.reset();
  };

  /** Validates in the browser with the server's own schema; the server validates again. */
  function validate(): ClusterInput | null {
    const input = toInput(state);
    const parsed = clusterInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return null;
    }
    setErrors({});
    return input;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const input = validate();
    if (!input) return;
    try {
      const saved = cluster ? await update.mutateAsync({ ...input, id: cluster.id }) : await create.mutateAsync(input);
      router.push(`/clusters/${saved.id}`);
      router.refresh();
    } catch (err) {
      if (err instanceof ActionFailedError && err.fieldErrors) setErrors(err.fieldErrors);
      setFormError(errorMessage(err));
    }
  }

  function onTest() {
    setFormError(null);
    const input = validate();
    if (!input) return;
    test.mutate({ clusterId: cluster?.id, connection: input.connection });
  }

  const err = (key: string) => (
    <FieldError field={key} alert>
      {errors[key]}
    </FieldError>
  );

  if (!mayManage) {
    return (
      <p className="muted" role="note" data-testid="clusters-need-role">
        Adding and editing clusters needs the admin role on every cluster.
      </p>
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={cluster ? "Edit cluster" : "Add cluster"}>
      <label>
        Name
        <input value={state.name} onChange={(e) => set("name", e.target.value)} placeholder="production" autoFocus={!cluster} />
      </label>
      {err("name")}

      <label>
        Bootstrap servers
        <input
          value={state.bootstrapServers}
          onChange={(e) => set("bootstrapServers", e.target.value)}
          placeholder="broker-1:9092,broker-2:9092"
          spellCheck={false}
        />
      </label>
      <p className="hint">Comma-separated host:port pairs.</p>
      {err("connection.bootstrapServers")}

      <label className="check">
        <input type="checkbox" checked={state.readOnly} onChange={(e) => set("readOnly", e.target.checked)} />
        Read-only: Topiary refuses every change to this cluster
      </label>

      <fieldset>
        <legend>TLS</legend>
        <label className="check">
          <input type="checkbox" checked={state.tlsEnabled} onChange={(e) => set("tlsEnabled", e.target.checked)} />
          Connect with TLS
        </label>
        {state.tlsEnabled && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={state.tlsRejectUnauthorized}
                onChange={(e) => set("tlsRejectUnauthorized", e.target.checked)}
              />
              Verify the broker certificate
            </label>
            <label>
              CA certificate (PEM, optional)
              <textarea rows={3} value={state.tlsCa} onChange={(e) => set("tlsCa", e.target.value)} spellCheck={false} />
            </label>
            <label>
              Client certificate (PEM, optional)
              <textarea rows={3} value={state.tlsCert} onChange={(e) => set("tlsCert", e.target.value)} spellCheck={false} />
            </label>
            <label>
              Client key (PEM{cluster?.tls.hasKey ? "; leave empty to keep the stored key" : ", optional"})
              <textarea rows={3} value={state.tlsKey} onChange={(e) => set("tlsKey", e.target.value)} spellCheck={false} />
            </label>
            {err("connection.tls.key")}
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>SASL</legend>
        <label>
          Mechanism
          <select value={state.saslMechanism} onChange={(e) => set("saslMechanism", e.target.value as FormState["saslMechanism"])}>
            <option value="">None</option>
            {SASL_MECHANISMS.map((m) => (
              <option key={m} value={m}>
                {SASL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {state.saslMechanism && (
          <>
            <label>
              User name
              <input value={state.saslUsername} onChange={(e) => set("saslUsername", e.target.value)} autoComplete="off" />
            </label>
            {err("connection.sasl.username")}
            <label>
              Password{cluster?.sasl?.hasPassword ? " (leave empty to keep the stored one)" : ""}
              <input
                type="password"
                value={state.saslPassword}
                onChange={(e) => set("saslPassword", e.target.value)}
                autoComplete="new-password"
              />
            </label>
          </>
        )}
      </fieldset>

      <div className="test-result" aria-live="polite">
        {test.isPending && <p className="muted">Testing connection… (at most 10 s)</p>}
        {test.isSuccess && (
          <p className="ok" data-testid="test-result">
            Connected: cluster id <code>{test.data.clusterId}</code>, {test.data.brokerCount} broker
            {test.data.brokerCount === 1 ? "" : "s"} ({test.data.latencyMs} ms)
          </p>
        )}
        {test.isError && (
          <p className="error" role="alert" data-testid="test-error">
            {errorMessage(test.error)}
          </p>
        )}
      </div>
      <FormError testId="form-error">{formError}</FormError>

      <div className="actions">
        <button type="button" className="secondary" onClick={onTest} disabled={test.isPending}>
          Test connection
        </button>
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : cluster ? "Save changes" : "Add cluster"}
        </button>
        <Link href={cluster ? `/clusters/${cluster.id}` : "/clusters"} className="button-link">
          Cancel
        </Link>
      </div>
    </form>
  );
}
