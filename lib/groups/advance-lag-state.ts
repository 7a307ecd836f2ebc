// What the sampler keeps per cluster between samples, and how one snapshot advances it: the status windows,
// Burrow's verdicts with the cluster's options, the end-offset history and the time lags read off it, and the
// running count of messages lost to retention. Pure.
import { recordEnds, type EndHistory, type EndHistoryOptions } from "./end-history";
import type { LagSnapshot } from "./lag-types";
import { advanceWindows, DEFAULT_LAG_OPTIONS, evaluateSnapshot, type GroupVerdict, type LagOptions, type LagWindows } from "./lag-window";
import { countRetentionLoss, emptyLedger, type RetentionLedger } from "./retention-loss";
import { snapshotTimeLags, type GroupTimeLags } from "./time-lag";

export interface LagState {
  latest: LagSnapshot;
  /** The sample before `latest`. */
  previous: LagSnapshot | null;
  windows: LagWindows;
  verdicts: Map<string, GroupVerdict>;
  /** The options the verdicts were judged with (window size, allowed lag per cluster and group, minimum complete). */
  options: LagOptions;
  /** End offsets per partition over the last hour or so (updated in place from sample to sample). */
  endHistory: EndHistory;
  /** Per group: how far behind it is in time, per partition and at worst. */
  timeLags: Map<string, GroupTimeLags>;
  retention: RetentionLedger;
}

/** The state after `snapshot`, judged with `options`. `before` is not changed, except its end history (carried on). */
export function advanceLagState(
  before: LagState | null,
  snapshot: LagSnapshot,
  options: Partial<LagOptions> = {},
  historyOptions: Partial<EndHistoryOptions> = {},
): LagState {
  const o: LagOptions = { ...DEFAULT_LAG_OPTIONS, ...options };
  const windows = advanceWindows(before?.windows ?? new Map(), snapshot, o);
  const endHistory = recordEnds(before?.endHistory ?? new Map(), snapshot.topicEnds, snapshot.takenAt, historyOptions);
  return {
    latest: snapshot,
    previous: before?.latest ?? null,
    windows,
    verdicts: evaluateSnapshot(windows, snapshot, o),
    options: o,
    endHistory,
    timeLags: snapshotTimeLags(snapshot, endHistory),
    retention: countRetentionLoss(before?.retention ?? emptyLedger(), snapshot),
  };
}

/** The same state judged again with new options (the settings changed): no new sample needed. */
export function rejudgeLagState(state: LagState, options: Partial<LagOptions>): LagState {
  const o: LagOptions = { ...state.options, ...options };
  return { ...state, options: o, verdicts: evaluateSnapshot(state.windows, state.latest, o) };
}
