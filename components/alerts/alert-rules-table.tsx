"use client";
import { describeRule } from "@/lib/alerts/alert-rules";
import type { AlertRuleView } from "@/lib/alerts/alert-views";
import { useState } from "react";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { useDeleteAlertRuleMutation, useSetAlertRuleEnabledMutation } from "./alert-queries";

/** The cluster's rules: what each watches, where it posts, what it has firing; turn on or off, edit, delete. */
export function AlertRulesTable({ clusterId, rules, onEdit }: { clusterId: string; rules: AlertRuleView[]; onEdit: (rule: AlertRuleView) => void }) {
  const setEnabled = useSetAlertRuleEnabledMutation();
  // What the user asked for, set in the click itself: the mutation's own pending state reaches the page a task
  // later, and meanwhile React put the controlled box back as it was (the click seemed not to take).
  const [asked, setAsked] = useState<{ id: string; enabled: boolean } | null>(null);
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
            const enabled = asked?.id === rule.id ? asked.enabled : rule.enabled;
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
                      disabled={asked !== null}
                      aria-label={`Enabled: ${rule.name}`}
                      title={rule.enabled ? "Turning it off resolves what it has firing" : undefined}
                      onChange={(e) => {
                        const next = { id: rule.id, enabled: e.target.checked };
                        setAsked(next);
                        setEnabled.mutate({ clusterId, ...next }, { onSettled: () => setAsked(null) });
                      }}
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
  const remove = useDeleteAlertRuleMutation();
  return (
    <ConfirmDialog
      trigger="Delete"
      label={`Delete rule ${rule.name}`}
      title={<>Delete rule “{rule.name}”?</>}
      confirmLabel="Delete rule"
      pendingLabel="Deleting…"
      onConfirm={() => remove.mutateAsync({ clusterId, id: rule.id })}
    >
      <p>Its event history and webhook deliveries are removed with it. Nothing is posted to its webhook.</p>
    </ConfirmDialog>
  );
}
