// Whether the lag figures a page shows are current: the latest sample's age, and whether the sampler's last attempt
// failed after it (the cluster is unreachable). A page must not show the last known state as if it were now. Pure.
import { formatDuration } from "./lag-status";

export type SampleState = "current" | "late" | "unreachable";

export interface SampleHealth {
  state: SampleState;
  /** When the sample shown was taken, and its age (ms). */
  takenAt: number;
  ageMs: number;
  /** The sampler's last failure after that sample, in words safe to show. */
  error: { at: number; message: string } | null;
  /** Why the figures are not current, for a banner; "" when they are. */
  text: string;
}

/** A sample older than this many intervals (plus a few seconds of slack) is late. */
export const LATE_AFTER_INTERVALS = 2;

export function sampleHealth(input: {
  takenAt: number;
  now: number;
  intervalMs: number;
  /** The sampler's last failure for the cluster, if any. */
  error: { at: number; message: string } | null;
  /** When a sample still running started, if one is. */
  samplingSince: number | null;
}): SampleHealth {
  const { takenAt, now, intervalMs } = input;
  const ageMs = Math.max(0, now - takenAt);
  const age = formatDuration(ageMs);
  const error = input.error && input.error.at >= takenAt ? input.error : null;
  if (error) {
    return { state: "unreachable", takenAt, ageMs, error, text: `Cannot reach the cluster: ${error.message} What is shown is the last sample, taken ${age} ago.` };
  }
  if (ageMs > LATE_AFTER_INTERVALS * intervalMs + 5_000) {
    const running = input.samplingSince !== null ? `; a new one has been running for ${formatDuration(Math.max(0, now - input.samplingSince))}` : "";
    return { state: "late", takenAt, ageMs, error: null, text: `The latest sample is ${age} old${running}: the cluster may be slow or unreachable. What is shown is from then.` };
  }
  return { state: "current", takenAt, ageMs, error: null, text: "" };
}
