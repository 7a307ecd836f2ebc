"use client";
import { useState, type FormEvent } from "react";
import { ActionFailedError } from "@/lib/errors/action-result";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import { ALERTABLE_STATUSES, MAX_FOR_MINUTES, alertRuleFieldsSchema, type AlertKind, type AlertRuleFields, type AlertableStatus } from "@/lib/lag/alert-rules";
import type { AlertRuleView } from "@/lib/lag/alert-views";
import { errorMessage } from "@/components/ui/fetch-json";
import { useCreateAlertRuleMutation, useUpdateAlertRuleMutation } from "./alert-queries";

interface FormState {
  name: string;
  groupId: string;
  kind: AlertKind;
  lagAbove: string;
  statuses: AlertableStatus[];
  forMinutes: string;
  webhookUrl: string;
  removeWebhook: boolean;
}

const EMPTY: FormState = { name: "", groupId: "", kind: "lag", lagAbove: "1000", statuses: ["STALL", "STOP"], forMinutes: "5", webhookUrl: "", removeWebhook: false };

const STATUS_HINTS: Record<AlertableStatus, string> = {
  WARN: "lag never went down",
  REWIND: "committed offset went back",
  STALL: "commits, but the offset does not move",
  STOP: "no commits lately",
};

function fromRule(rule: AlertRuleView): FormState {
  return {
    name: rule.name,
    groupId: rule.groupId ?? "",
    kind: rule.kind,
    lagAbove: rule.lagAbove === null ? EMPTY.lagAbove : String(rule.lagAbove),
    statuses: rule.statuses.filter((s): s is AlertableStatus => (ALERTABLE_STATUSES as readonly string[]).includes(s)),
    forMinutes: String(rule.forMinutes),
    webhookUrl: "",
    removeWebhook: false,
  };
}

// An empty box is "no number", not 0, so it gets its own message.
const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toFields(s: FormState): AlertRuleFields {
  return {
    name: s.name,
    groupId: s.groupId,
    kind: s.kind,
    lagAbove: s.kind === "lag" ? toNumber(s.lagAbove) : undefined,
    statuses: s.kind === "status" ? s.statuses : undefined,
    forMinutes: toNumber(s.forMinutes),
    webhookUrl: s.webhookUrl,
  };
}

/**
 * Adds a rule, or changes one (`rule`). Checked as it is filled with the schema the server uses. The stored
 * webhook address is never sent back to the browser: when editing, a blank box keeps it.
 */
export function AlertRuleForm({ clusterId, rule, groups, onDone }: { clusterId: string; rule?: AlertRuleView; groups: string[]; onDone: () => void }) {
  const [state, setState] = useState<FormState>(() => (rule ? fromRule(rule) : EMPTY));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateAlertRuleMutation();
  const update = useUpdateAlertRuleMutation();
  const save = rule ? update : create;

  const parsed = alertRuleFieldsSchema.safeParse(toFields(state));
  const errors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const serverErrors = save.error instanceof ActionFailedError ? (save.error.fieldErrors ?? {}) : {};
  const errorFor = (field: string) => (submitted || touched.has(field) ? errors[field] : undefined) ?? serverErrors[field];

  const change = (field: string, patch: Partial<FormState>) => {
    setState((s) => ({ ...s, ...patch }));
    setTouched((t) => new Set(t).add(field));
    if (save.isError) save.reset();
  };
  const toggleStatus = (status: AlertableStatus, on: boolean) =>
    change("statuses", { statuses: on ? ALERTABLE_STATUSES.filter((s) => s === status || state.statuses.includes(s)) : state.statuses.filter((s) => s !== status) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    try {
      if (rule) {
        const keepWebhook = !!rule.webhookOrigin && !state.removeWebhook && state.webhookUrl.trim() === "";
        await update.mutateAsync({ clusterId, id: rule.id, ...toFields(state), keepWebhook });
      } else {
        await create.mutateAsync({ clusterId, ...toFields(state) });
      }
      onDone();
    } catch {
      // Shown below from save.error.
    }
  }

  const fieldError = (field: string) => {
    const message = errorFor(field);
    return message ? (
      <p className="field-error" data-testid={`error-${field}`}>
        {message}
      </p>
    ) : null;
  };
  const title = rule ? `Edit rule ${rule.name}` : "Add an alert rule";

  return (
    <form className="form card alert-form" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      <label>
        Name
        <input value={state.name} onChange={(e) => change("name", { name: e.target.value })} autoFocus aria-invalid={!!errorFor("name") || undefined} />
      </label>
      {fieldError("name")}
      <label>
        Consumer group
        <input value={state.groupId} onChange={(e) => change("groupId", { groupId: e.target.value })} list="alert-groups" spellCheck={false} placeholder="every group" />
        <datalist id="alert-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      {fieldError("groupId")}
      <p className="hint">Blank: the rule watches every group of the cluster, each on its own.</p>

      <fieldset className="alert-kind">
        <legend>Fires when</legend>
        <label className="check">
          <input type="radio" name="kind" checked={state.kind === "lag"} onChange={() => change("kind", { kind: "lag" })} />
          the group's lag is above a number of messages
        </label>
        <label className="check">
          <input type="radio" name="kind" checked={state.kind === "status"} onChange={() => change("kind", { kind: "status" })} />
          the group's status is one of these
        </label>
        {state.kind === "lag" ? (
          <>
            <label>
              Lag above (messages)
              <input type="number" min={0} step={1} value={state.lagAbove} onChange={(e) => change("lagAbove", { lagAbove: e.target.value })} aria-invalid={!!errorFor("lagAbove") || undefined} />
            </label>
            {fieldError("lagAbove")}
            <p className="hint">The group's total lag, over every partition it reads.</p>
          </>
        ) : (
          <>
            <div className="status-choices" role="group" aria-label="Statuses">
              {ALERTABLE_STATUSES.map((s) => (
                <label key={s} className="check" title={STATUS_HINTS[s]}>
                  <input type="checkbox" checked={state.statuses.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} />
                  {s} <span className="muted small">({STATUS_HINTS[s]})</span>
                </label>
              ))}
            </div>
            {fieldError("statuses")}
          </>
        )}
      </fieldset>

      <label>
        For (minutes)
        <input type="number" min={0} max={MAX_FOR_MINUTES} step={1} value={state.forMinutes} onChange={(e) => change("forMinutes", { forMinutes: e.target.value })} aria-invalid={!!errorFor("forMinutes") || undefined} />
      </label>
      {fieldError("forMinutes")}
      <p className="hint">How long the condition must hold before the alert fires; 0 fires on the first sample that shows it.</p>

      <label>
        Webhook URL
        <input
          type="url"
          value={state.webhookUrl}
          onChange={(e) => change("webhookUrl", { webhookUrl: e.target.value })}
          spellCheck={false}
          autoComplete="off"
          disabled={state.removeWebhook}
          placeholder={rule?.webhookOrigin ? `${rule.webhookOrigin}/… (kept)` : "https://hooks.example.com/…"}
          aria-invalid={!!errorFor("webhookUrl") || undefined}
        />
      </label>
      {fieldError("webhookUrl")}
      <p className="hint">
        Optional. Firing and resolving are POSTed there as JSON. Only the address's origin is shown afterwards
        {rule?.webhookOrigin ? "; leave it blank to keep the stored address." : "."}
      </p>
      {rule?.webhookOrigin && (
        <label className="check">
          <input type="checkbox" checked={state.removeWebhook} onChange={(e) => change("webhookUrl", { removeWebhook: e.target.checked, webhookUrl: "" })} />
          Remove the webhook
        </label>
      )}

      {save.isError && (
        <p className="error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending || (submitted && !parsed.success)}>
          {save.isPending ? "Saving…" : rule ? "Save rule" : "Add rule"}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
