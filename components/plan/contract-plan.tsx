"use client";
import { useMemo } from "react";
import { SUBJECT_NAMING_LABELS } from "@/lib/contracts/subject-naming";
import { compactSchemaDiff } from "@/lib/plan/contract-diff";
import type { ContractPlan } from "@/lib/plan/contract-plan-types";
import type { Plan } from "@/lib/plan/plan-types";
import { FieldError } from "@/components/ui/field-error";
import "./contract-plan.css";

// The contracts' part of the plan page (issue 19, item 6): each Schema Registry subject the design's contracts
// go under — a new subject or version with a compact diff of the latest schema and the contract, in sync, or
// refused with the field the subject's compatibility level rejects — and, once, when the cluster has no registry.

const STATUS_LABEL: Record<ContractPlan["status"], string> = {
  create: "new subject",
  update: "new version",
  "in-sync": "in sync",
  "older-version": "older version",
  refused: "refused",
  invalid: "invalid",
};
const BADGE: Record<ContractPlan["status"], string> = { create: "create", update: "update", "in-sync": "in-sync", "older-version": "update", refused: "refused", invalid: "invalid" };

/** The contracts' share of the plan summary ("" when the design has none). */
export function contractSummary(p: Plan): string {
  const part = p.contracts;
  if (!part) return "";
  if (part.registry === "none") return "Contracts are not planned: the cluster has no Schema Registry.";
  const changes = part.changes.length;
  const refused = part.subjects.filter((s) => s.status === "refused" || s.status === "invalid").length;
  const inSync = part.subjects.filter((s) => s.status === "in-sync").length;
  return [changes ? `${changes} subject(s) to register.` : "", inSync ? `${inSync} subject(s) in sync.` : "", refused ? `${refused} contract(s) refused.` : ""].filter(Boolean).join(" ");
}

function Diff({ s }: { s: ContractPlan }) {
  const lines = useMemo(() => (s.before === null ? null : compactSchemaDiff(s.schemaType, s.before, s.after)), [s.before, s.after, s.schemaType]);
  if (!lines) return null;
  return (
    <table className="table mono small contract-diff" aria-label={`Version ${s.latestVersion} → the contract`}>
      <tbody>
        {lines.map((l, i) =>
          l.kind === "gap" ? (
            <tr key={i} className="muted">
              <td colSpan={2}>… {l.count} line{l.count === 1 ? "" : "s"} unchanged</td>
            </tr>
          ) : (
            <tr key={i} className={`diff-${l.kind === "added" ? "add" : l.kind === "removed" ? "remove" : "same"}`} data-testid={l.kind === "same" ? undefined : `contract-diff-${l.kind}`}>
              <td>{l.kind === "added" ? "+" : l.kind === "removed" ? "-" : " "}</td>
              <td>
                <pre>{l.text}</pre>
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function SubjectRow({ s }: { s: ContractPlan }) {
  return (
    <li className="contract-subject" data-testid={`plan-subject-${s.subject ?? `${s.topic}-${s.part}`}`}>
      <div>
        <code>{s.subject ?? "(no subject)"}</code> <span className={`badge plan-${BADGE[s.status]}`}>{STATUS_LABEL[s.status]}</span>{" "}
        <span className="muted small">
          {s.part} of <code>{s.topic}</code>
          {s.latestVersion !== null && ` · latest version ${s.latestVersion}`}
          {s.level && ` · ${s.level}`}
        </span>
      </div>
      {s.status === "update" && (
        <details open>
          <summary className="small">Version {s.latestVersion} → the contract</summary>
          <Diff s={s} />
        </details>
      )}
      {s.refusals.map((r) => (
        <p key={r} className="error small">
          Refused: {r}
        </p>
      ))}
      {s.warnings.map((w) => (
        <FieldError key={w} tone="warning">
          {w}
        </FieldError>
      ))}
    </li>
  );
}

export function ContractPlanSection({ plan }: { plan: Plan }) {
  const part = plan.contracts;
  if (!part) return null;
  if (part.registry === "none") {
    return (
      <section className="card" aria-label="Contracts" data-testid="plan-contracts">
        <p className="muted">The cluster has no Schema Registry, so the topics&apos; contracts are not planned (an admin can add one on the cluster&apos;s Schema Registry page). Topics are planned as usual.</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="plan-contracts-heading" data-testid="plan-contracts">
      <h2 id="plan-contracts-heading">Schema Registry subjects</h2>
      <p className="muted small">
        Named by {part.strategy} ({SUBJECT_NAMING_LABELS[part.strategy]}). Apply registers after the topics and never deletes a subject; a change the subject&apos;s compatibility level rejects blocks the apply.
      </p>
      <ul className="plain">
        {part.subjects.map((s) => (
          <SubjectRow key={`${s.nodeId}-${s.part}`} s={s} />
        ))}
      </ul>
    </section>
  );
}
