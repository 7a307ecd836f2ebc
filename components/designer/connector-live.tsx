"use client";
import type { ConnectorLive } from "@/lib/groups/design-live";

// A connector node's live state on the canvas (issue 14, item 7): its state and failed tasks, from the design's
// live poll (live-lag.tsx). Red when the connector or a task FAILED, amber while paused, stopped or not yet running.

function tone(l: ConnectorLive): string {
  if (l.state === "FAILED" || l.failedTasks > 0) return "bad";
  if (l.state === "RUNNING" && l.tasks > 0) return "ok";
  if (l.state === null) return "unknown";
  return "warn";
}

function text(l: ConnectorLive): string {
  if (l.state === null) return "not on Connect";
  if (l.failedTasks > 0) return `${l.state} · ${l.failedTasks}/${l.tasks} task${l.tasks === 1 ? "" : "s"} failed`;
  return `${l.state} · ${l.tasks} task${l.tasks === 1 ? "" : "s"}`;
}

export function ConnectorLiveBadge({ live }: { live: ConnectorLive }) {
  return (
    <span className={`dnode-live live-${tone(live)}`} data-testid="node-connector-state" data-state={live.state ?? ""} title={live.reason || `${live.name} on Kafka Connect`}>
      {text(live)}
    </span>
  );
}
