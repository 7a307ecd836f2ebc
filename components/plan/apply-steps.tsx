import { describeChange, type StepResult } from "@/lib/plan/plan-types";

/** An apply's steps in order: each one's status, what it changed, and Kafka's error or why it was skipped. */
export function ApplySteps({ results }: { results: StepResult[] }) {
  return (
    <ul className="plain steps">
      {results.map((r, i) => (
        <li key={i} data-testid="apply-step">
          <span className={`badge step-${r.status}`}>{r.status}</span> {describeChange(r.change)}
          {r.message && <span className={r.status === "failed" ? "error" : "muted"}> — {r.message}</span>}
          {r.trace && (
            <details className="small" data-testid="apply-step-trace">
              <summary>Kafka Connect&apos;s trace</summary>
              <pre className="payload-body">{r.trace}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
