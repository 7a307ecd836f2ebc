// Burrow's consumer-lag evaluation rules, over a window of the last N samples of one partition. Pure.
//
// Kafka does not tell when an offset was committed, only what it is, so a sample carries `commitAt`: the
// time the committed offset was last known to be committed. For a group with active members that is the
// sample's own time (Kafka's consumers commit on a timer even when the offset does not move, which Burrow
// sees as commits); for a group with no members it is when that offset value was first seen.
import type { LagStatus } from "./lag-types";

export interface WindowSample {
  /** Sample time, ms. */
  at: number;
  committed: number;
  end: number;
  lag: number;
  /** When the committed offset was last committed, ms (see above). */
  commitAt: number;
}

export interface PartitionVerdict {
  status: LagStatus;
  /** Which rule decided, in words. */
  rule: string;
}

const n = (x: number) => x.toLocaleString("en-US");

/**
 * The status of one partition from its window (oldest first), at time `now`. Rules, in order:
 * OK when the current lag is 0 or any lag in the window is 0; REWIND when the committed offset went
 * backwards; STOP when the time since the last commit is longer than the span between the window's first
 * and last commits; STALL when the committed offset did not move while lag stayed above 0; WARN when lag
 * never went down across the window; else OK.
 */
export function partitionStatus(window: readonly WindowSample[], now: number): PartitionVerdict {
  if (window.length === 0) return { status: "OK", rule: "no samples yet" };
  const last = window[window.length - 1];
  if (last.lag === 0) return { status: "OK", rule: "no lag" };
  if (window.some((s) => s.lag === 0)) return { status: "OK", rule: "lag was 0 within the window" };
  if (window.length < 2) return { status: "OK", rule: "one sample so far" };

  for (let i = 1; i < window.length; i++) {
    if (window[i].committed < window[i - 1].committed) {
      return { status: "REWIND", rule: `committed offset went back from ${n(window[i - 1].committed)} to ${n(window[i].committed)}` };
    }
  }
  const first = window[0];
  const sinceLast = now - last.commitAt;
  const span = last.commitAt - first.commitAt;
  if (sinceLast > span) {
    return { status: "STOP", rule: `no commit for ${seconds(sinceLast)}, longer than the window's ${seconds(span)} of commits` };
  }
  if (window.every((s) => s.committed === first.committed)) {
    return { status: "STALL", rule: `committed offset stuck at ${n(first.committed)} with lag above 0` };
  }
  let decreased = false;
  for (let i = 1; i < window.length; i++) if (window[i].lag < window[i - 1].lag) decreased = true;
  if (!decreased) return { status: "WARN", rule: `lag never went down across ${window.length} samples (now ${n(last.lag)})` };
  return { status: "OK", rule: "consuming, lag going down at times" };
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}
