"use client";
import type { ContractDrift, SubjectDriftState } from "@/lib/plan/contract-drift";
import "./contracts.css";

// A topic's Schema Registry subjects in the properties panel's "On the cluster" section (drift-details.tsx):
// each subject in sync, not registered, or how its latest version differs from the design's contract.

const LABEL: Record<SubjectDriftState, string> = { "in-sync": "in sync", "not-registered": "not registered", differs: "differs", "older-version": "newer version registered", refused: "refused", unknown: "not read" };

export function ContractDriftList({ contract }: { contract: ContractDrift }) {
  if (!contract.subjects.length) return null;
  return (
    <ul className="contract-drift" aria-label="Schema Registry subjects" data-testid="contract-drift">
      {contract.subjects.map((s) => (
        <li key={`${s.part}-${s.subject}`} className={`subject-${s.state}`} data-testid={`contract-drift-${s.part}`}>
          <code>{s.subject ?? s.part}</code> <span className="small">{LABEL[s.state]}</span>
          {s.state !== "in-sync" && <div className="small muted">{s.detail}</div>}
        </li>
      ))}
    </ul>
  );
}
