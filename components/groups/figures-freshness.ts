// Whether the figures a groups page shows are current, and what to say when they are not: the sample's own health
// (late, or from before the cluster became unreachable), or a refresh that failed while the browser still holds
// the last answer. A page never shows last-known state as if it were now. Pure.
import { formatDuration } from "@/lib/groups/lag-status";
import type { SampleHealth } from "@/lib/groups/sample-health";

export interface Freshness {
  current: boolean;
  /** What to say above the figures; null when they are current. */
  banner: string | null;
  tone: "warn" | "error" | null;
  /** "12 s ago": the age of the sample shown. */
  ago: string;
}

export function figuresFreshness(health: SampleHealth | undefined, refreshError: string | null, now: number): Freshness {
  if (!health) return { current: !refreshError, banner: refreshError, tone: refreshError ? "error" : null, ago: "" };
  const ago = `${formatDuration(Math.max(0, now - health.takenAt))} ago`;
  if (refreshError) {
    return { current: false, banner: `Could not refresh: ${refreshError} What is shown is the sample taken ${ago}.`, tone: "error", ago };
  }
  if (health.state === "unreachable") return { current: false, banner: health.text, tone: "error", ago };
  if (health.state === "late") return { current: false, banner: health.text, tone: "warn", ago };
  return { current: true, banner: null, tone: null, ago };
}
