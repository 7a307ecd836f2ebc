import type { BurrowGroupStatus, LagStatus } from "@/lib/groups/lag-types";

/** A group's or partition's status, coloured: OK green, WARN amber, REWIND/STALL/STOP red. */
export function StatusBadge({ status, title }: { status: LagStatus; title?: string }) {
  return (
    <span className={`badge lag-${status.toLowerCase()}`} title={title || undefined} data-testid="lag-status">
      {status}
    </span>
  );
}

const BURROW_CLASS: Record<BurrowGroupStatus, string> = { OK: "lag-ok", WARN: "lag-warn", ERR: "lag-stop", NOTFOUND: "step-skipped" };

/** The group status as Burrow reports it (OK, WARN, ERR; NOTFOUND before its first sample). */
export function BurrowBadge({ status }: { status: BurrowGroupStatus }) {
  return (
    <span className={`badge ${BURROW_CLASS[status]}`} title="The group's status as Burrow reports it: ERR for any STOP, STALL or REWIND partition, WARN for a WARN one" data-testid="burrow-status">
      Burrow {status}
    </span>
  );
}
