// The new offsets of an offset reset, partition by partition, and a note wherever the offset asked for had to be
// moved into the partition's range (below the log start, past the end, or no message at or after a time). Pure.
import type { OffsetResetRow } from "./group-views";
import type { RESET_TARGETS } from "./group-schemas";

export interface ResetRequest {
  target: (typeof RESET_TARGETS)[number];
  /** For "offset". */
  offset?: number;
}

export interface PartitionRange {
  partition: number;
  start: number;
  end: number;
  /** The group's committed offset; null when it has none. */
  current: number | null;
  /** For "timestamp": the first offset at or after the time, or null when no message is. */
  atTime?: number | null;
}

const n = (x: number) => x.toLocaleString("en-US");

export function planOffsetReset(request: ResetRequest, ranges: readonly PartitionRange[]): OffsetResetRow[] {
  return ranges.map(({ partition, start, end, current, atTime }) => {
    const row = (newOffset: number, requested: number | null, clamped: OffsetResetRow["clamped"], note: string | null): OffsetResetRow => ({
      partition,
      current,
      newOffset,
      start,
      end,
      requested,
      clamped,
      note,
    });
    switch (request.target) {
      case "earliest":
        return row(start, null, null, null);
      case "latest":
        return row(end, null, null, null);
      case "timestamp":
        return atTime === null || atTime === undefined || atTime < 0
          ? row(end, null, "end", `No message at or after that time on partition ${partition}: set to its end, ${n(end)}.`)
          : row(Math.max(start, Math.min(end, atTime)), null, null, null);
      case "offset": {
        const asked = request.offset ?? 0;
        if (asked < start) {
          return row(start, asked, "start", `Offset ${n(asked)} is below partition ${partition}'s log start (${n(start)}; retention deleted what was before it): set to ${n(start)}.`);
        }
        if (asked > end) return row(end, asked, "end", `Offset ${n(asked)} is past partition ${partition}'s end (${n(end)}): set to ${n(end)}.`);
        return row(asked, asked, null, null);
      }
    }
  });
}

/** One line for the preview: how many offsets were moved into range. */
export function clampSummary(rows: readonly OffsetResetRow[]): string | null {
  const moved = rows.filter((r) => r.clamped);
  if (!moved.length) return null;
  const toStart = moved.filter((r) => r.clamped === "start").length;
  const toEnd = moved.length - toStart;
  const parts = [toStart ? `${toStart} to the log start` : "", toEnd ? `${toEnd} to the end` : ""].filter(Boolean).join(" and ");
  return `${moved.length} of ${rows.length} partition${rows.length === 1 ? "" : "s"} could not take the offset asked for and ${moved.length === 1 ? "was" : "were"} moved into range: ${parts}.`;
}
