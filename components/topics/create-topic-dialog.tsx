"use client";
import { useRef, useState, type FormEvent } from "react";
import { ActionFailedError } from "@/lib/errors/action-result";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import { createTopicInputSchema, type CreateTopicInput } from "@/lib/topics/create-topic-schema";
import { TOPIC_CONFIGS, topicConfigSpec } from "@/lib/topics/topic-configs";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { ConfigValueInput } from "./config-value-input";
import { useCreateTopicMutation } from "./topic-queries";

interface FormState {
  name: string;
  partitions: string;
  replicationFactor: string;
  configs: { key: string; value: string }[];
}

const EMPTY: FormState = { name: "", partitions: "1", replicationFactor: "1", configs: [] };

// An empty box is "no number", not 0, so it gets its own message rather than "at least 1".
const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toInput(clusterId: string, s: FormState): CreateTopicInput {
  return {
    clusterId,
    name: s.name,
    partitions: toNumber(s.partitions),
    replicationFactor: toNumber(s.replicationFactor),
    configs: Object.fromEntries(s.configs.map((c) => [c.key, c.value])),
  };
}

/** "Create topic": a dialog validated as it is filled, with the same schema the server checks. */
export function CreateTopicDialog({ clusterId, onCreated }: { clusterId: string; onCreated?: (name: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<FormState>(EMPTY);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateTopicMutation();

  const parsed = createTopicInputSchema.safeParse(toInput(clusterId, state));
  const errors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const serverErrors = create.error instanceof ActionFailedError ? (create.error.fieldErrors ?? {}) : {};
  const errorFor = (field: string) => (submitted || touched.has(field) ? errors[field] : undefined) ?? serverErrors[field];

  const update = (field: string, patch: Partial<FormState>) => {
    setState((s) => ({ ...s, ...patch }));
    setTouched((t) => new Set(t).add(field));
    if (create.isError) create.reset();
  };
  const setConfig = (key: string, value: string) =>
    update(`configs.${key}`, { configs: state.configs.map((c) => (c.key === key ? { key, value } : c)) });
  const unused = TOPIC_CONFIGS.filter((c) => !state.configs.some((x) => x.key === c.key));

  function open() {
    setState(EMPTY);
    setTouched(new Set());
    setSubmitted(false);
    create.reset();
    dialog.current?.showModal();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    try {
      const created = await create.mutateAsync(toInput(clusterId, state));
      dialog.current?.close();
      onCreated?.(created.name);
    } catch {
      // Shown below from create.error.
    }
  }

  const fieldError = (field: string) => <FieldError field={field}>{errorFor(field)}</FieldError>;

  return (
    <>
      <button type="button" className="small" onClick={open}>
        Create topic
      </button>
      <dialog ref={dialog} aria-label="Create topic" className="wide">
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <h3>Create topic</h3>
          <label>
            Name
            <input value={state.name} onChange={(e) => update("name", { name: e.target.value })} spellCheck={false} autoFocus aria-invalid={!!errorFor("name") || undefined} />
          </label>
          {fieldError("name")}
          <p className="hint">ASCII letters, digits, '.', '_' and '-'; at most 249 characters.</p>
          <div className="form-row">
            <label>
              Partitions
              <input type="number" min={1} value={state.partitions} onChange={(e) => update("partitions", { partitions: e.target.value })} />
            </label>
            <label>
              Replication factor
              <input type="number" min={1} value={state.replicationFactor} onChange={(e) => update("replicationFactor", { replicationFactor: e.target.value })} />
            </label>
          </div>
          {fieldError("partitions")}
          {fieldError("replicationFactor")}
          <p className="hint">The replication factor can be at most the number of brokers.</p>

          <fieldset>
            <legend>Configs</legend>
            {state.configs.length === 0 && <p className="muted small">Kafka's and the brokers' defaults apply. Add a config to override one.</p>}
            {state.configs.map(({ key, value }) => (
              <div key={key} className="config-row">
                <label>
                  <span className="config-key" title={topicConfigSpec(key)?.doc}>
                    {key}
                  </span>
                  <ConfigValueInput configKey={key} value={value} onChange={(v) => setConfig(key, v)} label={key} invalid={!!errorFor(`configs.${key}`)} />
                </label>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Remove ${key}`}
                  onClick={() => update(`configs.${key}`, { configs: state.configs.filter((c) => c.key !== key) })}
                >
                  ×
                </button>
                {fieldError(`configs.${key}`)}
              </div>
            ))}
            <select
              aria-label="Add a config"
              value=""
              onChange={(e) => {
                const key = e.target.value;
                if (key) update(`configs.${key}`, { configs: [...state.configs, { key, value: topicConfigSpec(key)?.defaultValue ?? "" }] });
              }}
            >
              <option value="">Add a config…</option>
              {unused.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key} — {c.doc}
                </option>
              ))}
            </select>
          </fieldset>

          <FormError>{create.isError && errorMessage(create.error)}</FormError>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" disabled={create.isPending || (submitted && !parsed.success)}>
              {create.isPending ? "Creating…" : "Create"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
