"use client";
import type { Problem } from "@/lib/designs/validate-design";

/** The design's problems; clicking one focuses its node on the canvas. */
export function ProblemsPanel({ problems, onFocus }: { problems: Problem[]; onFocus: (nodeId: string) => void }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <section className="panel problems" aria-label="Problems">
      <h2>
        Problems{" "}
        <span className="muted small" data-testid="problem-counts">
          {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted small">No problems.</p>
      ) : (
        <ul className="problem-list">
          {problems.slice(0, 300).map((p, i) => (
            <li key={`${p.nodeId ?? p.edgeId}-${i}`}>
              <button type="button" className={`problem ${p.severity}`} onClick={() => p.nodeId && onFocus(p.nodeId)} disabled={!p.nodeId}>
                <span className="sev">{p.severity === "error" ? "Error" : "Warning"}</span> {p.message}
              </button>
            </li>
          ))}
          {problems.length > 300 && <li className="muted small">…and {problems.length - 300} more</li>}
        </ul>
      )}
    </section>
  );
}
