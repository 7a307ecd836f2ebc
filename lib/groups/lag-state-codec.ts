// The sampling leader's state of a cluster as bytes, for the store: what pages on the other instances read and
// what a new leader continues from. It holds what cannot be recomputed — the latest snapshot, the previous one's
// time and end offsets (for rates), Burrow's windows, the retention ledger and the options; the end-offset history
// (time lag) is encoded apart (encodeEndHistory), as the leader stores it less often — and leaves out what can be:
// the verdicts and time lags are pure functions of those (restoreLagState recomputes them, identical to the
// leader's when the history is of the same round). Compact: names are written once (a table), times once (a table
// of the sample times), offsets as small differences, lags only when they are not simply end − committed. Pure;
// the server gzips the bytes. One file, though long: each writer has its reader beside it, field for field in the
// same order, so that a change to the format is made and checked on both sides at once.
import { ByteReader, ByteWriter, StringTable } from "./byte-codec";
import { recordEnds, type EndHistory, type EndHistoryOptions } from "./end-history";
import type { LagState } from "./advance-lag-state";
import type { WindowSample } from "./lag-status";
import type { GroupMember, GroupSnapshot, LagSnapshot, PartitionOffsets } from "./lag-types";
import { evaluateSnapshot, partitionKey, type LagOptions, type LagWindows } from "./lag-window";
import type { RetentionLedger } from "./retention-loss";
import { snapshotTimeLags } from "./time-lag";

const FORMAT = 2;
const HISTORY_FORMAT = 1;

/**
 * What the bytes hold: a LagState without its verdicts and time lags, with only the previous sample's head, and
 * with an empty end-offset history (encoded apart).
 */
export type CarriedLagState = Omit<LagState, "verdicts" | "timeLags">;

function splitKey(key: string): { topic: string; partition: number } {
  const i = key.lastIndexOf("\u0000");
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

const derivedLag = (committed: number | null, end: number | null) => (committed !== null && end !== null ? Math.max(0, end - committed) : null);

// Partition flags.
const HAS_COMMITTED = 1;
const HAS_END = 2;
const HAS_LOG_START_FIELD = 4;
const HAS_LOG_START = 8;
const LEADER_UNAVAILABLE = 16;
const OWN_LAG = 32;

/** Groups encoded between two yields of encodeLagStateSteps. */
const GROUPS_PER_STEP = 1000;

export function encodeLagState(state: LagState): Uint8Array<ArrayBuffer> {
  const steps = encodeLagStateSteps(state);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * encodeLagState in steps: it yields after every GROUPS_PER_STEP groups, so that a caller can let other work run
 * between them (at 20,000 groups the whole encoding takes a second or two of one thread).
 */
export function* encodeLagStateSteps(state: LagState): Generator<void, Uint8Array<ArrayBuffer>, void> {
  const strings = new StringTable();
  const times = yield* collectTimes(state);
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const groupIndex = new Map(state.latest.groups.map((g, i) => [g.groupId, i]));
  const w = new ByteWriter(1 << 20);
  const group = (id: string) => {
    const i = groupIndex.get(id);
    if (i !== undefined) w.uint(i + 1);
    else {
      w.uint(0);
      w.str(id);
    }
  };

  w.str(JSON.stringify(state.options));
  yield* writeSnapshot(w, strings, state.latest);
  w.byte(state.previous ? 1 : 0);
  if (state.previous) {
    w.num(state.previous.takenAt);
    w.num(state.previous.tookMs);
    writeEnds(w, strings, state.previous.topicEnds);
  }

  w.uint(state.windows.size);
  let done = 0;
  for (const [groupId, windows] of state.windows) {
    if (++done % GROUPS_PER_STEP === 0) yield;
    group(groupId);
    w.uint(windows.size);
    for (const [key, samples] of windows) {
      const { topic, partition } = splitKey(key);
      w.uint(strings.id(topic));
      w.uint(partition);
      w.uint(samples.length);
      let committed = 0;
      for (const s of samples) {
        const own = s.lag !== derivedLag(s.committed, s.end);
        w.uint(timeIndex.get(s.at)! * 2 + (own ? 1 : 0));
        w.num(s.at - s.commitAt);
        w.num(s.committed - committed);
        w.num(s.end - s.committed);
        if (own) w.numOrNull(s.lag);
        committed = s.committed;
      }
    }
  }

  w.uint(state.retention.totals.size);
  for (const [groupId, total] of state.retention.totals) {
    group(groupId);
    w.num(total);
  }
  w.uint(state.retention.countedTo.size);
  for (const [key, offset] of state.retention.countedTo) {
    // "group\0topic\0partition": a topic name never holds \0; a group id might.
    const last = key.lastIndexOf("\u0000");
    const mid = key.lastIndexOf("\u0000", last - 1);
    const [groupId, topic, partition] = [key.slice(0, mid), key.slice(mid + 1, last), key.slice(last + 1)];
    group(groupId);
    w.uint(strings.id(topic));
    w.uint(Number(partition));
    w.num(offset);
  }

  return withTables(FORMAT, strings, times, w);
}

/** The tables first (names, then sample times as differences), so a reader has them before the body. */
function withTables(format: number, strings: StringTable, times: readonly number[], body: ByteWriter): Uint8Array<ArrayBuffer> {
  const head = new ByteWriter(1 << 16);
  head.byte(format);
  head.uint(strings.list.length);
  for (const s of strings.list) head.str(s);
  head.uint(times.length);
  let prev = 0;
  for (const t of times) {
    head.num(t - prev);
    prev = t;
  }
  head.bytes(body.finish());
  return head.finish();
}

function readTables(r: ByteReader, format: number, what: string): { strings: string[]; times: number[] } {
  const found = r.byte();
  if (found !== format) throw new Error(`unknown ${what} format ${found}`);
  const strings: string[] = [];
  for (let i = r.uint(); i > 0; i--) strings.push(r.str());
  const times: number[] = [];
  let t = 0;
  for (let i = r.uint(); i > 0; i--) times.push((t += r.num()));
  return { strings, times };
}

/** The end-offset history as bytes (stored apart from the rest of the state). */
export function encodeEndHistory(history: EndHistory): Uint8Array<ArrayBuffer> {
  const steps = encodeEndHistorySteps(history);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Partitions of the end-offset history encoded between two yields of encodeEndHistorySteps. */
const PARTITIONS_PER_STEP = 10_000;

/** encodeEndHistory in steps (see encodeLagStateSteps): it yields after every PARTITIONS_PER_STEP partitions. */
export function* encodeEndHistorySteps(history: EndHistory): Generator<void, Uint8Array<ArrayBuffer>, void> {
  const strings = new StringTable();
  const set = new Set<number>();
  let seen = 0;
  for (const points of history.values()) {
    if (++seen % PARTITIONS_PER_STEP === 0) yield;
    for (const p of points) set.add(p.at);
  }
  const times = [...set].sort((a, b) => a - b);
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const w = new ByteWriter(1 << 20);
  w.uint(history.size);
  let done = 0;
  for (const [key, points] of history) {
    if (++done % PARTITIONS_PER_STEP === 0) yield;
    const { topic, partition } = splitKey(key);
    w.uint(strings.id(topic));
    w.uint(partition);
    w.uint(points.length);
    let end = 0;
    for (const p of points) {
      w.uint(timeIndex.get(p.at)!);
      w.num(p.end - end);
      end = p.end;
    }
  }
  return withTables(HISTORY_FORMAT, strings, times, w);
}

export function decodeEndHistory(bytes: Uint8Array): EndHistory {
  const r = new ByteReader(bytes);
  const { strings, times } = readTables(r, HISTORY_FORMAT, "end history");
  const history: EndHistory = new Map();
  for (let ki = r.uint(); ki > 0; ki--) {
    const key = partitionKey(strings[r.uint()], r.uint());
    const points = [];
    let end = 0;
    for (let pi = r.uint(); pi > 0; pi--) {
      const at = times[r.uint()];
      end += r.num();
      points.push({ at, end });
    }
    history.set(key, points);
  }
  if (!r.done) throw new Error("end history has bytes left over");
  return history;
}

export function decodeLagState(bytes: Uint8Array): CarriedLagState {
  const r = new ByteReader(bytes);
  const { strings, times } = readTables(r, FORMAT, "lag state");
  const options = JSON.parse(r.str()) as LagOptions;
  const latest = readSnapshot(r, strings);
  const group = () => {
    const i = r.uint();
    return i > 0 ? latest.groups[i - 1].groupId : r.str();
  };
  let previous: LagSnapshot | null = null;
  if (r.byte() === 1) {
    const takenAt = r.num();
    const tookMs = r.num();
    previous = { clusterId: latest.clusterId, takenAt, tookMs, groups: [], topicEnds: readEnds(r, strings), unavailable: [] };
  }

  const windows: LagWindows = new Map();
  for (let gi = r.uint(); gi > 0; gi--) {
    const groupId = group();
    const perKey = new Map<string, WindowSample[]>();
    for (let ki = r.uint(); ki > 0; ki--) {
      const key = partitionKey(strings[r.uint()], r.uint());
      const samples: WindowSample[] = [];
      let committed = 0;
      for (let si = r.uint(); si > 0; si--) {
        const tagged = r.uint();
        const at = times[Math.floor(tagged / 2)];
        const commitAt = at - r.num();
        committed += r.num();
        const end = committed + r.num();
        const lag = tagged % 2 === 1 ? r.numOrNull() : derivedLag(committed, end);
        samples.push({ at, committed, end, lag, commitAt });
      }
      perKey.set(key, samples);
    }
    windows.set(groupId, perKey);
  }

  const endHistory: EndHistory = new Map();
  const retention: RetentionLedger = { countedTo: new Map(), totals: new Map() };
  for (let i = r.uint(); i > 0; i--) {
    const groupId = group();
    retention.totals.set(groupId, r.num());
  }
  for (let i = r.uint(); i > 0; i--) {
    const groupId = group();
    const topic = strings[r.uint()];
    const partition = r.uint();
    retention.countedTo.set(`${groupId}\u0000${topic}\u0000${partition}`, r.num());
  }
  if (!r.done) throw new Error("lag state has bytes left over");
  return { latest, previous, windows, options, endHistory, retention };
}

/**
 * The full state from its carried part and the end-offset history stored with it (of this round, or older: the
 * previous and latest samples' end offsets are added to it, as the leader added them): verdicts and time lags
 * computed as the leader computed them.
 */
export function restoreLagState(carried: CarriedLagState, history: EndHistory | null = null, historyOptions: Partial<EndHistoryOptions> = {}): LagState {
  const endHistory: EndHistory = history ?? new Map();
  if (carried.previous) recordEnds(endHistory, carried.previous.topicEnds, carried.previous.takenAt, historyOptions);
  recordEnds(endHistory, carried.latest.topicEnds, carried.latest.takenAt, historyOptions);
  return {
    ...carried,
    endHistory,
    verdicts: evaluateSnapshot(carried.windows, carried.latest, carried.options),
    timeLags: snapshotTimeLags(carried.latest, endHistory),
  };
}

function* collectTimes(state: LagState): Generator<void, number[], void> {
  const set = new Set<number>();
  let done = 0;
  for (const windows of state.windows.values()) {
    if (++done % GROUPS_PER_STEP === 0) yield;
    for (const samples of windows.values()) for (const s of samples) set.add(s.at);
  }
  return [...set].sort((a, b) => a - b);
}

function* writeSnapshot(w: ByteWriter, strings: StringTable, s: LagSnapshot): Generator<void, void, void> {
  w.str(s.clusterId);
  w.num(s.takenAt);
  w.num(s.tookMs);
  w.uint(s.groups.length);
  let done = 0;
  for (const g of s.groups) {
    if (++done % GROUPS_PER_STEP === 0) yield;
    w.str(g.groupId);
    w.uint(strings.id(g.state));
    w.byte(g.error === undefined ? 0 : 1);
    if (g.error !== undefined) w.str(g.error);
    w.uint(g.members.length);
    for (const m of g.members) {
      w.str(m.memberId);
      w.uint(strings.id(m.clientId));
      w.uint(strings.id(m.host));
      w.uint(m.assignments.length);
      for (const a of m.assignments) {
        w.uint(strings.id(a.topic));
        w.uint(a.partitions.length);
        for (const p of a.partitions) w.uint(p);
      }
    }
    w.uint(g.partitions.length);
    for (const p of g.partitions) {
      const hasLogStartField = "logStart" in p && p.logStart !== undefined;
      const ownLag = p.lag !== derivedLag(p.committed, p.end);
      const flags =
        (p.committed !== null ? HAS_COMMITTED : 0) |
        (p.end !== null ? HAS_END : 0) |
        (hasLogStartField ? HAS_LOG_START_FIELD : 0) |
        (hasLogStartField && p.logStart !== null ? HAS_LOG_START : 0) |
        (p.leaderUnavailable !== undefined ? LEADER_UNAVAILABLE : 0) |
        (ownLag ? OWN_LAG : 0);
      w.uint(strings.id(p.topic));
      w.uint(p.partition);
      w.byte(flags);
      if (p.committed !== null) w.num(p.committed);
      if (p.end !== null) w.num(p.committed !== null ? p.end - p.committed : p.end);
      if (hasLogStartField && p.logStart !== null) w.num(p.end !== null ? p.end - p.logStart! : p.logStart!);
      if (p.leaderUnavailable !== undefined) w.byte(p.leaderUnavailable ? 1 : 0);
      if (ownLag) w.numOrNull(p.lag);
    }
  }
  writeEnds(w, strings, s.topicEnds);
  w.uint(s.unavailable.length);
  for (const u of s.unavailable) {
    w.uint(strings.id(u.topic));
    w.uint(u.partition);
  }
}

function readSnapshot(r: ByteReader, strings: string[]): LagSnapshot {
  const clusterId = r.str();
  const takenAt = r.num();
  const tookMs = r.num();
  const groups: GroupSnapshot[] = [];
  for (let gi = r.uint(); gi > 0; gi--) {
    const groupId = r.str();
    const state = strings[r.uint()];
    const error = r.byte() === 1 ? r.str() : undefined;
    const members: GroupMember[] = [];
    for (let mi = r.uint(); mi > 0; mi--) {
      const memberId = r.str();
      const clientId = strings[r.uint()];
      const host = strings[r.uint()];
      const assignments = [];
      for (let ai = r.uint(); ai > 0; ai--) {
        const topic = strings[r.uint()];
        const partitions: number[] = [];
        for (let pi = r.uint(); pi > 0; pi--) partitions.push(r.uint());
        assignments.push({ topic, partitions });
      }
      members.push({ memberId, clientId, host, assignments });
    }
    const partitions: PartitionOffsets[] = [];
    for (let pi = r.uint(); pi > 0; pi--) {
      const topic = strings[r.uint()];
      const partition = r.uint();
      const flags = r.byte();
      const committed = flags & HAS_COMMITTED ? r.num() : null;
      const end = flags & HAS_END ? (committed !== null ? committed + r.num() : r.num()) : null;
      const p: PartitionOffsets = { topic, partition, committed, end, lag: null };
      if (flags & HAS_LOG_START_FIELD) p.logStart = flags & HAS_LOG_START ? (end !== null ? end - r.num() : r.num()) : null;
      if (flags & LEADER_UNAVAILABLE) p.leaderUnavailable = r.byte() === 1;
      p.lag = flags & OWN_LAG ? r.numOrNull() : derivedLag(committed, end);
      partitions.push(p);
    }
    groups.push({ groupId, state, members, partitions, ...(error !== undefined ? { error } : {}) });
  }
  const topicEnds = readEnds(r, strings);
  const unavailable = [];
  for (let i = r.uint(); i > 0; i--) unavailable.push({ topic: strings[r.uint()], partition: r.uint() });
  return { clusterId, takenAt, tookMs, groups, topicEnds, unavailable };
}

function writeEnds(w: ByteWriter, strings: StringTable, ends: LagSnapshot["topicEnds"]): void {
  const topics = Object.entries(ends);
  w.uint(topics.length);
  for (const [topic, parts] of topics) {
    w.uint(strings.id(topic));
    const list = Object.entries(parts);
    w.uint(list.length);
    for (const [p, end] of list) {
      w.uint(Number(p));
      w.numOrNull(end);
    }
  }
}

function readEnds(r: ByteReader, strings: string[]): LagSnapshot["topicEnds"] {
  const out: LagSnapshot["topicEnds"] = {};
  for (let ti = r.uint(); ti > 0; ti--) {
    const parts: Record<number, number | null> = {};
    out[strings[r.uint()]] = parts;
    for (let pi = r.uint(); pi > 0; pi--) parts[r.uint()] = r.numOrNull();
  }
  return out;
}
