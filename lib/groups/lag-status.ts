// Burrow's consumer-lag evaluator (linkedin/Burrow, core/internal/evaluator/caching.go), ported rule by rule and in
// Burrow's order over one partition's window of samples. Pure.
//
// How Topiary's samples stand in for what Burrow reads:
// - Burrow's ring of consumer offsets (offset, commit timestamp, lag when committed) is the window of samples:
//   `committed`, `commitAt`, `lag`. Kafka does not tell when an offset was committed, only what it is, so `commitAt`
//   is the time the committed offset was last known to be committed: for a group with active members the sample's
//   own time (consumers commit on a timer even when the offset does not move, which Burrow sees as commits); for a
//   group with no members, when that offset value was first seen.
// - Burrow's broker offsets (the partition's recent end offsets) are the samples' `end` values at `at`.
// - Burrow's current lag is the latest sample's lag; its ring size (storage `intervals`) is the window size.
import type { LagStatus } from "./lag-types";
import { formatCount } from "./format-count";

export interface WindowSample {
  /** Sample time, ms. */
  at: number;
  committed: number;
  end: number;
  /**
   * end − committed at this sample, never below 0. Null when unknown: Burrow keeps no lag for a commit it learns of
   * out of order; Topiary reads both offsets at once, so its samples always have one.
   */
  lag: number | null;
  /** When the committed offset was last committed, ms (see above). */
  commitAt: number;
}

/** One read of a partition's end offset: Burrow's broker offset. */
export interface EndSample {
  at: number;
  end: number;
}

export interface PartitionWindow {
  /** Oldest first. */
  samples: readonly WindowSample[];
  /** The recent end offsets, oldest first. Default: each sample's `end` at its `at`. */
  ends?: readonly EndSample[];
  /** Lag now. Default: the last sample's lag (its end − committed when that is unknown). */
  currentLag?: number;
}

export interface PartitionOptions {
  /** Samples a full window holds (Burrow's storage `intervals`, default 10). */
  windowSize: number;
  /** Lag at or below this counts as none (Burrow's evaluator `allowed-lag`, default 0). */
  allowedLag: number;
  /** Share of the window (0–1) that must hold samples before the rules run (Burrow's `minimum-complete`, default 0). */
  minimumComplete: number;
  /**
   * Samples needed before the rules run (Topiary's, default 2; 1 is Burrow's behaviour). Burrow judges a single
   * commit, whose timestamp is real; Topiary's first sample of a partition has only the sample's own time as its
   * commit time, which says nothing yet.
   */
  minimumSamples: number;
}

export const DEFAULT_PARTITION_OPTIONS: Readonly<PartitionOptions> = { windowSize: 10, allowedLag: 0, minimumComplete: 0, minimumSamples: 2 };

/** Which rule decided a partition's status. */
export type PartitionRule =
  | "no-samples"
  | "incomplete"
  | "no-lag"
  | "stopped"
  | "rewind"
  | "lag-was-zero"
  | "stalled"
  | "lag-not-decreasing"
  | "consuming";

export interface PartitionVerdict {
  status: LagStatus;
  ruleId: PartitionRule;
  /** Why, in words that quote this partition's own offsets and times. */
  rule: string;
  currentLag: number;
  /** Samples in the window, and the window's size. */
  samples: number;
  windowSize: number;
  /** Burrow's `complete`: samples / window size, at most 1. */
  complete: number;
  /** False when the window is below the minimum: the status is OK by default, not by the rules. */
  judged: boolean;
  /** The window's first and last samples (Burrow's `start` and `end`). */
  first: WindowSample | null;
  last: WindowSample | null;
  /** Time since the last commit, and the time the window spans (ms). */
  sinceCommitMs: number;
  spanMs: number;
}

// ---- Burrow's rules, each as Burrow states it. `samples` is the window, oldest first, with at least one sample.

/** Rule 1: true when no sample's lag is at or below `allowedLag` (a sample without a lag does not count). */
export function isLagAlwaysNotZero(samples: readonly WindowSample[], allowedLag = 0): boolean {
  return !samples.some((s) => s.lag !== null && s.lag <= allowedLag);
}

/** Rule 2: the index of the first sample whose committed offset is below the one before it; -1 when none is. */
export function checkIfOffsetsRewind(samples: readonly WindowSample[]): number {
  for (let i = 1; i < samples.length; i++) if (samples[i].committed < samples[i - 1].committed) return i;
  return -1;
}

/** Rule 2, part 2: after the rewind at `rewindIndex`, the committed offset got back to where it was before it. */
export function checkIfRewindRecovered(samples: readonly WindowSample[], rewindIndex: number): boolean {
  const before = samples[rewindIndex - 1].committed;
  for (let i = rewindIndex; i < samples.length; i++) if (samples[i].committed >= before) return true;
  return false;
}

/** Rule 3: the time since the last commit is longer than the time between the window's first and last commits. */
export function checkIfOffsetsStopped(samples: readonly WindowSample[], now: number): boolean {
  const first = samples[0].commitAt;
  const last = samples[samples.length - 1].commitAt;
  return now - last > last - first;
}

/** Rule 4: every commit in the window is the same offset. */
export function checkIfOffsetsStalled(samples: readonly WindowSample[]): boolean {
  for (let i = 1; i < samples.length; i++) if (samples[i].committed !== samples[i - 1].committed) return false;
  return true;
}

/** Rule 5: lag never went down from one known lag to the next. */
export function checkIfLagNotDecreasing(samples: readonly WindowSample[]): boolean {
  let previous: number | null = null;
  for (const s of samples) {
    if (s.lag === null) continue;
    if (previous !== null && s.lag < previous) return false;
    previous = s.lag;
  }
  return true;
}

/** Some recent end offset was at or below the last committed offset: the group had no lag a short while ago. */
export function checkIfRecentLagZero(samples: readonly WindowSample[], ends: readonly EndSample[]): boolean {
  const last = samples[samples.length - 1].committed;
  return ends.some((e) => e.end <= last);
}

interface Decision {
  status: LagStatus;
  ruleId: Exclude<PartitionRule, "no-samples" | "incomplete">;
  rewindIndex?: number;
}

function decide(samples: readonly WindowSample[], ends: readonly EndSample[], currentLag: number, now: number, allowedLag: number): Decision {
  if (currentLag > allowedLag) {
    // A stop is found even when lag was zero earlier in the window, unless the end offsets show it was zero lately.
    if (checkIfOffsetsStopped(samples, now) && !checkIfRecentLagZero(samples, ends)) return { status: "STOP", ruleId: "stopped" };
    // Before the zero-lag check: a group at zero lag that jumps back has zero lag in its history.
    const rewindIndex = checkIfOffsetsRewind(samples);
    if (rewindIndex > 0 && !checkIfRewindRecovered(samples, rewindIndex)) return { status: "REWIND", ruleId: "rewind", rewindIndex };
    if (!isLagAlwaysNotZero(samples, allowedLag)) return { status: "OK", ruleId: "lag-was-zero" };
    if (checkIfOffsetsStalled(samples)) return { status: "STALL", ruleId: "stalled" };
    if (checkIfLagNotDecreasing(samples)) return { status: "WARN", ruleId: "lag-not-decreasing" };
    return { status: "OK", ruleId: "consuming" };
  }
  return { status: "OK", ruleId: "no-lag" };
}

/** Burrow's `calculatePartitionStatus`: the status from a window with at least one sample. */
export function calculatePartitionStatus(samples: readonly WindowSample[], ends: readonly EndSample[], currentLag: number, now: number, allowedLag = 0): LagStatus {
  return decide(samples, ends, currentLag, now, allowedLag).status;
}

/** Each sample's end offset at its time: Topiary's end-offset history. */
export function endsOf(samples: readonly WindowSample[]): EndSample[] {
  return samples.map((s) => ({ at: s.at, end: s.end }));
}

/**
 * The status of one partition from its window, at time `now` (ms): Burrow's `evaluatePartitionStatus`. A window
 * below the minimum is reported OK and not judged; otherwise the rules run in Burrow's order.
 */
export function partitionStatus(window: PartitionWindow, now: number, options: Partial<PartitionOptions> = {}): PartitionVerdict {
  const o = { ...DEFAULT_PARTITION_OPTIONS, ...options };
  const samples = window.samples;
  const ends = window.ends ?? endsOf(samples);
  const first = samples[0] ?? null;
  const last = samples[samples.length - 1] ?? null;
  const currentLag = window.currentLag ?? (last ? (last.lag ?? Math.max(0, (ends[ends.length - 1]?.end ?? last.end) - last.committed)) : 0);
  const complete = o.windowSize > 0 ? Math.min(1, samples.length / o.windowSize) : 1;
  // One object literal per verdict, all fields in one order: the sampler makes one per partition per sample.
  const verdict = (status: LagStatus, ruleId: PartitionRule, rule: string, judged: boolean): PartitionVerdict => ({
    status,
    ruleId,
    rule,
    currentLag,
    samples: samples.length,
    windowSize: o.windowSize,
    complete,
    judged,
    first,
    last,
    sinceCommitMs: last ? now - last.commitAt : 0,
    spanMs: spanOf(samples),
  });
  if (!first || !last) return verdict("OK", "no-samples", "no samples yet", false);
  if (complete < o.minimumComplete || samples.length < o.minimumSamples) {
    const needed = Math.max(o.minimumSamples, Math.ceil(o.minimumComplete * o.windowSize - 1e-9));
    return verdict("OK", "incomplete", `not enough samples yet: ${samples.length} of ${o.windowSize}, judged from ${needed}`, false);
  }
  const d = decide(samples, ends, currentLag, now, o.allowedLag);
  return verdict(d.status, d.ruleId, explain(d, samples, currentLag, now, o.allowedLag), true);
}

// ---- Words

const n = formatCount;

/** A duration as people say it: "under 1 s", "45 s", "6 min 40 s", "25 min", "2 h 10 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!(ms >= 1000)) return "under 1 s";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const h = Math.round(m / 60);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${h / 24} d`;
}

const ago = (ms: number) => (ms < 1000 ? "just now" : `${formatDuration(ms)} ago`);

/** The time the window covers: its sample times, or its commit times when those are all one. */
function spanOf(samples: readonly WindowSample[]): number {
  if (samples.length < 2) return 0;
  const a = samples[0];
  const b = samples[samples.length - 1];
  return b.at - a.at > 0 ? b.at - a.at : Math.max(0, b.commitAt - a.commitAt);
}

/** "for 5 min", or "in all 3 samples" when they carry no time apart. */
function over(samples: readonly WindowSample[]): string {
  const span = spanOf(samples);
  return span > 0 ? `for ${formatDuration(span)}` : `in all ${samples.length} samples`;
}

function lagTrend(samples: readonly WindowSample[]): string {
  const lags = samples.map((s) => s.lag).filter((l): l is number => l !== null);
  if (!lags.length) return "unknown";
  const [a, b] = [lags[0], lags[lags.length - 1]];
  return b > a ? `grew ${n(a)} → ${n(b)}` : b === a ? `stayed at ${n(a)}` : `went ${n(a)} → ${n(b)}`;
}

function explain(d: Decision, samples: readonly WindowSample[], currentLag: number, now: number, allowedLag: number): string {
  const first = samples[0];
  const last = samples[samples.length - 1];
  switch (d.ruleId) {
    case "no-lag":
      return currentLag === 0 ? `no lag: committed offset ${n(last.committed)} is the end` : `lag ${n(currentLag)}, within the allowed ${n(allowedLag)}`;
    case "stopped": {
      const span = last.commitAt - first.commitAt;
      const longer = span > 0 ? `, longer than the ${formatDuration(span)} between the window's first and last commits` : "";
      return `no commit for ${formatDuration(now - last.commitAt)} since offset ${n(last.committed)}${longer} (lag ${n(currentLag)} now)`;
    }
    case "rewind": {
      const i = d.rewindIndex ?? 1;
      const before = samples[i - 1].committed;
      return `committed offset went back from ${n(before)} to ${n(samples[i].committed)} ${ago(now - samples[i].commitAt)} and has not reached ${n(before)} since (now ${n(last.committed)}, lag ${n(currentLag)})`;
    }
    case "lag-was-zero": {
      const s = [...samples].reverse().find((x) => x.lag !== null && x.lag <= allowedLag) ?? last;
      const within = allowedLag > 0 && s.lag ? `, within the allowed ${n(allowedLag)}` : "";
      return `lag was ${n(s.lag ?? 0)}${within} ${ago(now - s.at)} at committed offset ${n(s.committed)}, inside the window (lag ${n(currentLag)} now)`;
    }
    case "stalled":
      return `committed offset unchanged at ${n(last.committed)} ${over(samples)} while lag ${lagTrend(samples)}`;
    case "lag-not-decreasing":
      return `lag never went down ${over(samples)} (${lagTrend(samples)}) while the committed offset moved ${n(first.committed)} → ${n(last.committed)}`;
    case "consuming": {
      // Rule 5 found a known lag below the one before it: quote the first such pair.
      const known = samples.filter((s) => s.lag !== null);
      const k = known.findIndex((s, i) => i > 0 && (s.lag ?? 0) < (known[i - 1].lag ?? 0));
      const [from, to] = k > 0 ? [known[k - 1], known[k]] : [first, last];
      return `consuming: lag went down ${n(from.lag ?? 0)} → ${n(to.lag ?? 0)} inside the window, committed offset ${n(first.committed)} → ${n(last.committed)}`;
    }
  }
}
