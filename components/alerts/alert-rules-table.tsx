"use client";
import { useRef, useState } from "react";
import { describeRule } from "@/lib/lag/alert-rules";
import type { AlertRuleView } from "@/lib/lag/alert-views";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { useDeleteAlertRuleMutation, useSetAlertRuleEnabledMutation } from "./alert-queries";

/** The cluster's rules: what each watches, where it posts, what it has firing; turn on or off, edit, delete. */
export function AlertRulesTable({ clusterId, rules, onEdit }: { clusterId: string; rules: AlertRuleView[]; onEdit: (rule: AlertRuleView) => void }) {
  const setEnabled = useSetAlertRuleEnabledMutation();
  const mayEdit = useCan("alerts:write", clusterId);
  if (!rules.length) return <p className="muted">No rules yet.{mayEdit && " Add one to be told when a group falls behind or stops."}</p>;
  return (
    <>
      {setEnabled.isError && (
        <p className="error" role="alert">
          {errorMessage(setEnabled.error)}
        </p>
      )}
      <table className="table compact" aria-label="Alert rules">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Fires on</th>
            <th>Webhook</th>
            <th>Now</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            // Shown as asked while the change is saved (and the list read again), rather than snapping back.
            const enabled = setEnabled.isPending && setEnabled.variables?.id === rule.id ? setEnabled.variables.enabled : rule.enabled;
            return (
              <tr key={rule.id} data-testid={`alert-rule-${rule.name}`} className={enabled ? undefined : "muted"}>
                <td>{rule.name}</td>
                <td>{describeRule(rule)}</td>
                <td>{rule.webhookOrigin ? <code title="Only the origin is shown: the rest of the address may hold a token">{rule.webhookOrigin}</code> : <span className="muted">—</span>}</td>
                <td>
                  {rule.firing > 0 ? <span className="badge alert-firing">{rule.firing} firing</span> : <span className="muted small">{rule.enabled ? "quiet" : "off"}</span>}
                </td>
                <td>
                  {mayEdit ? (
                    <input
                      type="checkbox"
                      checked={enabled}
                      disabled={setEnabled.isPending}
                      aria-label={`Enabled: ${rule.name}`}
                      title={rule.enabled ? "Turning it off resolves what it has firing" : undefined}
                      onChange={(e) => setEnabled.mutate({ clusterId, id: rule.id, enabled: e.target.checked })}
                    />
                  ) : (
                    <span className="small">{rule.enabled ? "yes" : "no"}</span>
                  )}
                </td>
                <td>
                  {mayEdit && (
                    <div className="row-actions">
                      <button type="button" className="secondary small" onClick={() => onEdit(rule)}>
                        Edit
                      </button>
                      <DeleteAlertRuleButton clusterId={clusterId} rule={rule} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function DeleteAlertRuleButton({ clusterId, rule }: { clusterId: string; rule: AlertRuleView }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useDeleteAlertRuleMutation();
  const [open, setOpen] = useState(false);

  async function confirm() {
    try {
      await remove.mutateAsync({ clusterId, id: rule.id });
      dialog.current?.close();
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <>
      <button
        type="button"
        className="danger small"
        onClick={() => {
          remove.reset();
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Delete
      </button>
      <dialog ref={dialog} aria-label={`Delete rule ${rule.name}`} onClose={() => setOpen(false)}>
        {open && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <h3>Delete rule “{rule.name}”?</h3>
            <p>Its event history and webhook deliveries are removed with it. Nothing is posted to its webhook.</p>
            {remove.isError && (
              <p className="error" role="alert">
                {errorMessage(remove.error)}
              </p>
            )}
            <div className="actions">
              <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <button type="submit" className="danger" disabled={remove.isPending}>
                {remove.isPending ? "Deleting…" : "Delete rule"}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
