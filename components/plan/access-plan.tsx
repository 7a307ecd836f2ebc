"use client";
import { describeBinding, type AclBinding } from "@/lib/acls/acl-model";
import { formatQuotaValue, type QuotaKey } from "@/lib/acls/client-quotas";
import { principalsToConfirm, type BindingPlan, type QuotaPlan } from "@/lib/acls/plan-access";
import type { Plan } from "@/lib/plan/plan-types";
import { PlanTable } from "./plan-table";

// The plan's ACL bindings and client quotas (issue 13, items 5 and 6), below its topics: what apply creates and
// deletes, before → after; what is already there; what other designs made and what no design made (never
// touched); and why nothing is planned on a cluster without an authorizer.

const isAccessChange = (kind: string) => kind === "createAcl" || kind === "deleteAcl" || kind === "setQuota";

/** The plan page's one-line summary, topics and access counted apart. */
export function changeSummary(p: Plan): string {
  if (!p.changes.length) return "No changes: the cluster matches the design.";
  const access = p.changes.filter((c) => isAccessChange(c.kind)).length;
  const topics = p.topics.filter((t) => t.changes.length).length;
  const n = `${p.changes.length} change${p.changes.length === 1 ? "" : "s"}`;
  if (!access) return `${n} on ${topics} topic(s).`;
  return p.changes.length > access ? `${n}: ${p.changes.length - access} on ${topics} topic(s), ${access} to ACL bindings and quotas.` : `${n} to ACL bindings and quotas.`;
}

function BindingRows({ rows }: { rows: BindingPlan[] }) {
  return (
    <PlanTable label="ACL binding changes" columns={["Change", "Binding", "Before", "After"]}>
      {rows.map((r) => (
        <tr key={describeBinding(r.binding)} data-testid={`plan-acl-${r.status}`}>
          <td className={r.status === "delete" ? "error" : undefined}>
            {r.status === "create" ? "create ACL" : "delete ACL"}
            {r.removedByHand && <span className="badge warn">removed outside Topiary</span>}
          </td>
          <td className="mono">{describeBinding(r.binding)}</td>
          <td className={r.status === "delete" ? "diff-remove" : "muted"}>{r.status === "delete" ? "granted" : "—"}</td>
          <td className={r.status === "create" ? "diff-add" : "muted"}>{r.status === "create" ? "granted" : "—"}</td>
        </tr>
      ))}
    </PlanTable>
  );
}

const value = (k: QuotaKey, v: number | undefined) => (v === undefined ? <span className="muted">(none)</span> : formatQuotaValue(k, v));

function QuotaRows({ quotas }: { quotas: QuotaPlan[] }) {
  return (
    <PlanTable label="Client quota changes" columns={["Quota for", "Key", "Before", "After"]}>
      {quotas.flatMap((q) =>
        ([...Object.keys(q.set), ...q.remove] as QuotaKey[]).map((k) => (
          <tr key={`${q.label}-${k}`} data-testid="plan-quota-change">
            <td>{q.label}</td>
            <td>
              <code>{k}</code>
            </td>
            <td className="diff-remove">{value(k, q.before[k])}</td>
            <td className="diff-add">{value(k, q.after[k])}</td>
          </tr>
        )),
      )}
    </PlanTable>
  );
}

function BindingList({ summary, bindings, testId }: { summary: string; bindings: AclBinding[]; testId: string }) {
  if (!bindings.length) return null;
  return (
    <details data-testid={testId}>
      <summary>{summary}</summary>
      <ul className="small">
        {bindings.map((b) => (
          <li key={describeBinding(b)} className="mono">
            {describeBinding(b)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The key under which the plan page keeps a principal typed back to confirm deleting its bindings. */
export const principalConfirmKey = (principal: string) => `principal:${principal}`;

/** The principals typed back as they are (the plan page's confirmations, keyed by principalConfirmKey). */
export function confirmedPrincipals(plan: Plan, confirm: Record<string, string>): string[] {
  return principalsToConfirm(plan).filter((p) => confirm[principalConfirmKey(p)] === p);
}

/** Whether every principal whose bindings apply deletes was typed back. */
export function accessDeletionsConfirmed(plan: Plan, confirm: Record<string, string>): boolean {
  return confirmedPrincipals(plan, confirm).length === principalsToConfirm(plan).length;
}

function ConfirmPrincipals({ plan, confirm, setConfirm }: { plan: Plan; confirm: Record<string, string>; setConfirm: (key: string, value: string) => void }) {
  return (
    <>
      {principalsToConfirm(plan).map((p) => (
        <label key={p} className="confirm-delete">
          Type <strong>{p}</strong> to confirm deleting its bindings listed above
          <input value={confirm[principalConfirmKey(p)] ?? ""} onChange={(e) => setConfirm(principalConfirmKey(p), e.target.value)} aria-label={`Confirm deleting the bindings of ${p}`} spellCheck={false} />
        </label>
      ))}
    </>
  );
}

export function AccessPlanSection({
  plan,
  confirm,
  setConfirm,
}: {
  plan: Plan;
  /** With these, a principal whose bindings apply deletes is typed back here (only for whoever may apply). */
  confirm?: Record<string, string>;
  setConfirm?: (key: string, value: string) => void;
}) {
  const a = plan.access;
  if (!a) return null;
  const changing = a.bindings.filter((b) => b.status === "create" || b.status === "delete");
  const inSync = a.bindings.filter((b) => b.status === "in-sync").map((b) => b.binding);
  const present = a.bindings.filter((b) => b.status === "present").map((b) => b.binding);
  const kept = a.bindings.filter((b) => b.status === "kept");
  const quotaChanges = a.quotas.filter((q) => q.status === "change");
  return (
    <section className="card plan-access" aria-label="ACL bindings and quotas" data-testid="plan-access">
      <h2>ACL bindings and quotas</h2>
      {a.note && (
        <p className="banner" role="note" data-testid="plan-acl-note">
          {a.note}
        </p>
      )}
      {a.acls === "enforced" && !changing.length && <p className="muted">No binding to change: the cluster has every binding the design needs.</p>}
      {changing.length > 0 && <BindingRows rows={changing} />}
      {confirm && setConfirm && <ConfirmPrincipals plan={plan} confirm={confirm} setConfirm={setConfirm} />}
      <BindingList summary={`${inSync.length} binding(s) in sync`} bindings={inSync} testId="plan-acl-in-sync" />
      <BindingList summary={`${present.length} binding(s) the design needs were made outside Topiary (never removed by it)`} bindings={present} testId="plan-acl-present" />
      {kept.length > 0 && (
        <p className="small muted">
          {kept.length} binding(s) this design no longer needs stay: other designs ({[...new Set(kept.flatMap((k) => k.otherDesigns ?? []))].join(", ")}) need them too.
        </p>
      )}
      {a.otherDesignsCount > 0 && <p className="small muted">{a.otherDesignsCount} binding(s) on the cluster belong to other designs (never touched by this one).</p>}
      <BindingList
        summary={`${a.unmanagedCount} binding(s) on the cluster are not managed by any design (never touched)${a.unmanagedCount > a.unmanaged.length ? `; the first ${a.unmanaged.length}` : ""}`}
        bindings={a.unmanaged}
        testId="plan-acl-unmanaged"
      />
      {a.quotaNote && <p className="banner" role="note">{a.quotaNote}</p>}
      {quotaChanges.length > 0 && <QuotaRows quotas={quotaChanges} />}
      {a.quotas.some((q) => q.status === "in-sync") && <p className="small muted">Quotas in sync: {a.quotas.filter((q) => q.status === "in-sync").map((q) => q.label).join("; ")}</p>}
    </section>
  );
}
