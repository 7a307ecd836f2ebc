"use client";
import { useMemo } from "react";
import { contractSubjects, DEFAULT_SUBJECT_NAMING, SUBJECT_NAMING_LABELS, SUBJECT_NAMING_STRATEGIES, type SubjectNamingStrategy } from "@/lib/contracts/subject-naming";
import type { FlowNodeOf } from "./design-flow";
import { useDesigner } from "./designer-store";
import "./contracts.css";

// Under a topic's contract in the properties panel (issue 19, item 6): the Schema Registry subjects apply
// registers it under, and the design-wide naming strategy that gives them (a select for editors; saved with the
// design like any edit).

export function SubjectNamingControl({ node, readOnly }: { node: FlowNodeOf<"topic">; readOnly: boolean }) {
  const strategy = useDesigner((s) => s.subjectNaming) ?? DEFAULT_SUBJECT_NAMING;
  const setStrategy = useDesigner((s) => s.setSubjectNaming);
  const contract = node.data.contract;
  const subjects = useMemo(() => (contract ? contractSubjects(node.data.name, contract, strategy) : []), [contract, node.data.name, strategy]);
  if (!contract) return null;
  return (
    <div className="subject-naming" data-testid="subject-naming">
      {readOnly ? (
        <p className="small">
          Subjects named by <strong>{strategy}</strong> ({SUBJECT_NAMING_LABELS[strategy]}).
        </p>
      ) : (
        <label>
          Subject naming (whole design)
          <select
            value={strategy}
            aria-label="Subject naming strategy"
            onChange={(e) => {
              const next = e.target.value as SubjectNamingStrategy;
              setStrategy(next === DEFAULT_SUBJECT_NAMING ? undefined : next);
            }}
          >
            {SUBJECT_NAMING_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {s}: {SUBJECT_NAMING_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      <ul aria-label="Subjects apply registers">
        {subjects.map((s) => (
          <li key={s.part} data-testid={`subject-${s.part}`}>
            {s.part}: {s.subject ? <code>{s.subject}</code> : <span className="error">{s.problem}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
