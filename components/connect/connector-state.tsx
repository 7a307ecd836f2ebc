import type { ConnectorState, TaskCounts } from "@/lib/connect/connect-types";

const TONE: Record<ConnectorState, string> = {
  RUNNING: "plan-create",
  PAUSED: "plan-update",
  STOPPED: "step-skipped",
  FAILED: "plan-refused",
  UNASSIGNED: "plan-update",
  RESTARTING: "plan-update",
};

/** A connector's or task's state as a badge (the plan page's colours: green running, amber paused, red failed). */
export function StateBadge({ state, testId }: { state: ConnectorState; testId?: string }) {
  return (
    <span className={`badge ${TONE[state] ?? ""}`} style={{ marginLeft: 0 }} data-testid={testId}>
      {state}
    </span>
  );
}

/** "2 running · 1 failed" for a connector's tasks. */
export function TaskCountsText({ tasks }: { tasks: TaskCounts }) {
  if (!tasks.total) return <span className="muted">no tasks</span>;
  const parts: [number, string, string][] = [
    [tasks.running, "running", ""],
    [tasks.failed, "failed", "error"],
    [tasks.paused, "paused", "warn-text"],
    [tasks.other, "other", "muted"],
  ];
  return (
    <span>
      {parts
        .filter(([n]) => n > 0)
        .map(([n, label, cls], i) => (
          <span key={label} className={cls}>
            {i > 0 && " · "}
            {n} {label}
          </span>
        ))}
    </span>
  );
}
