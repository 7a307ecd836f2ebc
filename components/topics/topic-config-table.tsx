"use client";
import { useState } from "react";
import { humanConfigValue } from "@/lib/topics/config-units";
import { topicConfigError } from "@/lib/topics/topic-configs";
import type { TopicConfigView } from "@/lib/topics/topic-config-view";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { ConfigValueInput } from "./config-value-input";
import { useAlterTopicConfigMutation } from "./topic-queries";

/** The raw value, and beside it the same in human units when it is a time or a size. */
function Raw({ name, value }: { name: string; value: string }) {
  const human = humanConfigValue(name, value);
  return (
    <>
      <code>{value}</code>
      {human && <span className="muted small unit"> {human}</span>}
    </>
  );
}

function Value({ c }: { c: TopicConfigView }) {
  if (c.isSensitive) return <span className="muted">hidden</span>;
  if (c.value === null || c.value === "") return <span className="muted">(empty)</span>;
  return <Raw name={c.name} value={c.value} />;
}

function Default({ c }: { c: TopicConfigView }) {
  if (c.defaultValue === null) return <span className="muted">—</span>;
  return (
    <>
      {c.defaultValue === "" ? <code>(empty)</code> : <Raw name={c.name} value={c.defaultValue} />}
      {c.defaultName && <span className="muted small"> via {c.defaultName}</span>}
    </>
  );
}

/**
 * The topic's configuration: overrides marked against their defaults, an edit control per key Topiary can
 * validate (checked as typed, with the same rules the server applies), and "reset to default" for overrides.
 */
export function TopicConfigTable({ clusterId, topic, configs, canEdit }: { clusterId: string; topic: string; configs: TopicConfigView[]; canEdit: boolean }) {
  const [filter, setFilter] = useState("");
  const [overridesOnly, setOverridesOnly] = useState(false);
  const [editing, setEditing] = useState<{ key: string; draft: string } | null>(null);
  const alter = useAlterTopicConfigMutation();
  const overrides = configs.filter((c) => c.isOverride).length;
  const shown = configs.filter((c) => (!overridesOnly || c.isOverride) && c.name.includes(filter.trim().toLowerCase()));
  const busyKey = alter.isPending ? [...Object.keys(alter.variables?.set ?? {}), ...(alter.variables?.remove ?? [])][0] : null;
  const errorKey = alter.isError ? [...Object.keys(alter.variables?.set ?? {}), ...(alter.variables?.remove ?? [])][0] : null;

  async function change(set: Record<string, string>, remove: string[]) {
    try {
      await alter.mutateAsync({ clusterId, topic, set, remove });
      setEditing(null);
    } catch {
      // Shown in the row.
    }
  }

  return (
    <>
      <div className="table-tools">
        <input type="search" placeholder="Filter configs" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter configs" />
        <label className="check-inline small">
          <input type="checkbox" checked={overridesOnly} onChange={(e) => setOverridesOnly(e.target.checked)} /> overrides only ({overrides})
        </label>
      </div>
      <table className="table compact" aria-label="Configuration">
        <thead>
          <tr>
            <th>Key</th>
            <th>Value</th>
            <th>Default</th>
            <th>Source</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => {
            const isEditing = editing?.key === c.name;
            const draftError = isEditing ? topicConfigError(c.name, editing.draft) : null;
            const busy = busyKey === c.name;
            return (
              <tr key={c.name} data-testid={`config-${c.name}`} className={c.isOverride ? "override" : undefined}>
                <td>
                  <code title={c.doc ?? undefined}>{c.name}</code>
                  {c.isOverride && <span className="badge override">override</span>}
                  {c.readOnly && <span className="badge">read-only</span>}
                </td>
                <td>
                  {isEditing ? (
                    <form
                      className="inline-edit"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (!draftError) void change({ [c.name]: editing.draft }, []);
                      }}
                    >
                      <ConfigValueInput
                        configKey={c.name}
                        value={editing.draft}
                        onChange={(draft) => {
                          setEditing({ key: c.name, draft });
                          if (alter.isError) alter.reset();
                        }}
                        label={`New value of ${c.name}`}
                        invalid={!!draftError}
                        autoFocus
                      />
                      <button type="submit" className="small" disabled={!!draftError || busy || editing.draft.trim() === (c.value ?? "")}>
                        {busy ? "Saving…" : "Save"}
                      </button>
                      <button type="button" className="secondary small" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                      <FieldError>{draftError}</FieldError>
                    </form>
                  ) : (
                    <Value c={c} />
                  )}
                  <FieldError alert>{errorKey === c.name && errorMessage(alter.error)}</FieldError>
                </td>
                <td>
                  <Default c={c} />
                </td>
                <td className="muted small">{c.source}</td>
                <td>
                  {canEdit && !isEditing && (
                    <div className="row-actions">
                      {c.editable && (
                        <button
                          type="button"
                          className="secondary small"
                          aria-label={`Edit ${c.name}`}
                          disabled={alter.isPending}
                          onClick={() => {
                            alter.reset();
                            setEditing({ key: c.name, draft: c.value ?? "" });
                          }}
                        >
                          Edit
                        </button>
                      )}
                      {c.isOverride && !c.readOnly && (
                        <button
                          type="button"
                          className="secondary small"
                          aria-label={`Reset ${c.name} to default`}
                          disabled={alter.isPending}
                          onClick={() => void change({}, [c.name])}
                        >
                          {busy ? "Resetting…" : "Reset to default"}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
          {shown.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No config matches.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
