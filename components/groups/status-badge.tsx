import type { LagStatus } from "@/lib/lag/lag-types";

/** A group's or partition's status, coloured: OK green, WARN amber, REWIND/STALL/STOP red. */
export function StatusBadge({ status, title }: { status: LagStatus; title?: string }) {
  return (
    <span className={`badge lag-${status.toLowerCase()}`} title={title || undefined} data-testid="lag-status">
      {status}
    </span>
  );
}
