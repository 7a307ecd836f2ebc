"use client";
import { useState, type FormEvent } from "react";
import { ActionFailedError } from "@/lib/errors/action-result";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import {
  ALERTABLE_GROUP_STATUSES,
  ALERTABLE_STATUSES,
  MAX_FOR_MINUTES,
  alertRuleFieldsSchema,
  type AlertKind,
  type AlertRuleFields,
  type AlertableGroupStatus,
  type AlertableStatus,
} from "@/lib/alerts/alert-rules";
import type { AlertRuleView } from "@/lib/alerts/alert-views";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { FormActions } from "@/components/ui/form-actions";
import { GroupIdField } from "./group-id-field";
import { ConformanceRuleFields } from "./conformance-rule-fields";
import { useCreateAlertRuleMutation, useUpdateAlertRuleMutation } from "./alert-queries";

interface FormState {
  name: string;
  groupId: string;
  kind: AlertKind;
  lagAbove: string;
  statuses: AlertableStatus[];
  groupStatuses: AlertableGroupStatus[];
  behindMinutes: string;
  lostAbove: string;
  topic: string;
  conformanceBelow: string;
  forMinutes: string;
  webhookUrl: string;
  removeWebhook: boolean;
}

const EMPTY: FormState = {
  name: "",
  groupId: "",
  kind: "lag",
  lagAbove: "1000",
  statuses: ["STALL", "STOP"],
  groupStatuses: ["ERR"],
  behindMinutes: "5",
  lostAbove: "0",
  topic: "",
  conformanceBelow: "99",
  forMinutes: "5",
  webhookUrl: "",
  removeWebhook: false,
};

const KIND_LABELS: Record<AlertKind, string> = {
  lag: "the group's lag is above a number of messages",
  "time-lag": "the group is more than some minutes behind",
  status: "the worst partition status is one of these",
  "group-status": "the group status, as Burrow reports it, is one of these",
  "retention-loss": "retention deleted messages before the group read them",
  conformance: "too few of a topic's newest messages conform to its contract",
};

const GROUP_STATUS_HINTS: Record<AlertableGroupStatus, string> = {
  WARN: "a partition's lag never went down",
  ERR: "a partition is STOP, STALL or REWIND",
};

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
    statuses: rule.kind === "status" ? rule.statuses.filter((s): s is AlertableStatus => (ALERTABLE_STATUSES as readonly string[]).includes(s)) : EMPTY.statuses,
    groupStatuses:
      rule.kind === "group-status" ? rule.statuses.filter((s): s is AlertableGroupStatus => (ALERTABLE_GROUP_STATUSES as readonly string[]).includes(s)) : EMPTY.groupStatuses,
    behindMinutes: rule.behindSeconds === null ? EMPTY.behindMinutes : String(rule.behindSeconds / 60),
    lostAbove: rule.lostAbove === null ? EMPTY.lostAbove : String(rule.lostAbove),
    topic: rule.topic ?? "",
    conformanceBelow: rule.conformanceBelow == null ? EMPTY.conformanceBelow : String(rule.conformanceBelow),
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
    groupId: s.kind === "conformance" ? "" : s.groupId,
    kind: s.kind,
    lagAbove: s.kind === "lag" ? toNumber(s.lagAbove) : undefined,
    statuses: s.kind === "status" ? s.statuses : s.kind === "group-status" ? s.groupStatuses : undefined,
    behindMinutes: s.kind === "time-lag" ? toNumber(s.behindMinutes) : undefined,
    lostAbove: s.kind === "retention-loss" ? toNumber(s.lostAbove) : undefined,
    topic: s.kind === "conformance" ? s.topic : undefined,
    conformanceBelow: s.kind === "conformance" ? toNumber(s.conformanceBelow) : undefined,
    forMinutes: toNumber(s.forMinutes),
    webhookUrl: s.webhookUrl,
  };
}

/**
 * Adds a rule, or changes one (`rule`). Checked as it is filled with the schema the server uses. The stored
 * webhook address is never sent back to the browser: when editing, a blank box keeps it.
 */
export function AlertRuleForm({ clusterId, rule, groups, onDone }: { clusterId: string; rule?: AlertRuleView; groups: string[] | null; onDone: () => void }) {
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
  const toggleGroupStatus = (status: AlertableGroupStatus, on: boolean) =>
    change("statuses", {
      groupStatuses: on ? ALERTABLE_GROUP_STATUSES.filter((s) => s === status || state.groupStatuses.includes(s)) : state.groupStatuses.filter((s) => s !== status),
    });

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

  const fieldError = (field: string) => <FieldError field={field}>{errorFor(field)}</FieldError>;
  const title = rule ? `Edit rule ${rule.name}` : "Add an alert rule";

  return (
    <form className="form card alert-form" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      <label>
        Name
        <input value={state.name} onChange={(e) => change("name", { name: e.target.value })} autoFocus aria-invalid={!!errorFor("name") || undefined} />
      </label>
      {fieldError("name")}
      {state.kind !== "conformance" && (
        <>
          <GroupIdField groups={groups} value={state.groupId} onChange={(groupId) => change("groupId", { groupId })} />
          {fieldError("groupId")}
          <p className="hint">Blank: the rule watches every group of the cluster, each on its own.</p>
        </>
      )}

      <fieldset className="alert-kind">
        <legend>Fires when</legend>
        {(Object.keys(KIND_LABELS) as AlertKind[]).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" checked={state.kind === k} onChange={() => change("kind", { kind: k })} />
            {KIND_LABELS[k]}
          </label>
        ))}
        {state.kind === "lag" && (
          <>
            <label>
              Lag above (messages)
              <input type="number" min={0} step={1} value={state.lagAbove} onChange={(e) => change("lagAbove", { lagAbove: e.target.value })} aria-invalid={!!errorFor("lagAbove") || undefined} />
            </label>
            {fieldError("lagAbove")}
            <p className="hint">The group's total lag, over every partition it reads.</p>
          </>
        )}
        {state.kind === "time-lag" && (
          <>
            <label>
              More than (minutes behind)
              <input type="number" min={0} step="any" value={state.behindMinutes} onChange={(e) => change("behindMinutes", { behindMinutes: e.target.value })} aria-invalid={!!errorFor("behindMinutes") || undefined} />
            </label>
            {fieldError("behindMinutes")}
            <p className="hint">How long ago the end of the log stood where the group's committed offset stands now, at worst over its partitions.</p>
          </>
        )}
        {state.kind === "retention-loss" && (
          <>
            <label>
              More than (messages lost)
              <input type="number" min={0} step={1} value={state.lostAbove} onChange={(e) => change("lostAbove", { lostAbove: e.target.value })} aria-invalid={!!errorFor("lostAbove") || undefined} />
            </label>
            {fieldError("lostAbove")}
            <p className="hint">Fires when a committed offset is below the log start: its consumers will skip those messages. 0: any.</p>
          </>
        )}
        {state.kind === "conformance" && (
          <ConformanceRuleFields
            clusterId={clusterId}
            topic={state.topic}
            below={state.conformanceBelow}
            onTopic={(topic) => change("topic", { topic })}
            onBelow={(conformanceBelow) => change("conformanceBelow", { conformanceBelow })}
            error={errorFor}
          />
        )}
        {state.kind === "status" && (
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
        {state.kind === "group-status" && (
          <>
            <div className="status-choices" role="group" aria-label="Group statuses">
              {ALERTABLE_GROUP_STATUSES.map((s) => (
                <label key={s} className="check" title={GROUP_STATUS_HINTS[s]}>
                  <input type="checkbox" checked={state.groupStatuses.includes(s)} onChange={(e) => toggleGroupStatus(s, e.target.checked)} />
                  {s} <span className="muted small">({GROUP_STATUS_HINTS[s]})</span>
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

      <FormError>{save.isError && errorMessage(save.error)}</FormError>
      <FormActions label={rule ? "Save rule" : "Add rule"} pending={save.isPending} disabled={save.isPending || (submitted && !parsed.success)} onCancel={onDone} />
    </form>
  );
}
