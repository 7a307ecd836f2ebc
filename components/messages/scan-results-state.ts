import { DONE_REASON_TEXT, describeEvaluationErrors, type ScanDone, type ScanMeta, type ScanProgress, type ScannedMessage } from "@/lib/messages/scan-events";
import type { StartKind } from "./search-form-state";

// What a search or live tail has streamed so far, as a reducer over its server-sent events.

/** A live tail keeps the newest this many messages. */
export const TAIL_BUFFER = 1000;

export type ScanMode = "search" | "tail";

export interface ScanResults {
  mode: ScanMode;
  /** A search's in the order they came; a tail's newest first. */
  messages: ScannedMessage[];
  meta: ScanMeta | null;
  progress: ScanProgress | null;
  done: ScanDone | null;
  paused: boolean;
  /** Tailed messages that arrived while paused, newest first: shown on resume. */
  held: ScannedMessage[];
}

export type ScanAction =
  | { type: "begin"; mode: ScanMode }
  | { type: "meta"; meta: ScanMeta }
  | { type: "progress"; progress: ScanProgress }
  | { type: "done"; done: ScanDone }
  | { type: "messages"; batch: ScannedMessage[] }
  | { type: "togglePause" };

export function initialScanResults(): ScanResults {
  return { mode: "search", messages: [], meta: null, progress: null, done: null, paused: false, held: [] };
}

const newestFirst = (batch: ScannedMessage[], before: ScannedMessage[]) => [...batch].reverse().concat(before).slice(0, TAIL_BUFFER);

export function scanResultsReducer(state: ScanResults, action: ScanAction): ScanResults {
  switch (action.type) {
    case "begin":
      return { ...initialScanResults(), mode: action.mode };
    case "meta":
      return { ...state, meta: action.meta };
    case "progress":
      return { ...state, progress: action.progress };
    case "done":
      return { ...state, done: action.done };
    case "messages":
      if (state.mode === "search") return { ...state, messages: state.messages.concat(action.batch) };
      return state.paused ? { ...state, held: newestFirst(action.batch, state.held) } : { ...state, messages: newestFirst(action.batch, state.messages) };
    case "togglePause":
      if (!state.paused) return { ...state, paused: true };
      return { ...state, paused: false, held: [], messages: state.held.concat(state.messages).slice(0, TAIL_BUFFER) };
  }
}

/** An event of the scan stream as an action; null for events the results do not keep (errors are the stream's). */
export function scanAction(event: string, data: unknown): ScanAction | null {
  switch (event) {
    case "meta":
      return { type: "meta", meta: data as ScanMeta };
    case "progress":
      return { type: "progress", progress: data as ScanProgress };
    case "done":
      return { type: "done", done: data as ScanDone };
    case "messages":
      return { type: "messages", batch: data as ScannedMessage[] };
    default:
      return null;
  }
}

/** The messages as shown: "latest N" reads the newest messages of every partition, so newest first. */
export function shownMessages(r: ScanResults, startKind: StartKind): ScannedMessage[] {
  return r.mode === "search" && startKind === "latest" ? [...r.messages].sort((a, b) => b.timestamp - a.timestamp) : r.messages;
}

/** One line on where the search or tail is: its state, the counts so far, why it ended. */
export function scanStatusText(r: ScanResults, running: boolean): string {
  const state = r.mode === "tail" ? (running ? (r.paused ? "Live tail paused" : "Following new messages…") : "Live tail stopped") : running ? "Searching…" : "Search ended";
  const p = r.progress;
  const counts = p ? ` · scanned ${p.scanned.toLocaleString()} · matched ${p.matched.toLocaleString()} · ${(p.elapsedMs / 1000).toFixed(1)} s` : "";
  const reason = r.done && r.mode === "search" ? ` · ${DONE_REASON_TEXT[r.done.reason]}` : "";
  const evaluation = describeEvaluationErrors(r.done?.evaluationErrors);
  const order = r.mode === "search" && r.meta?.order === "time" && r.meta.partitions.length > 1 ? " · in time order across partitions" : "";
  return `${state}${counts}${reason}${order}${evaluation ? ` · ${evaluation}` : ""}`;
}

/** How far a search has read each partition, from its start offset to the end offset captured when it began. */
export function partitionProgress(r: ScanResults): { partition: number; percent: number; position: number; end: number }[] {
  const { meta, progress } = r;
  if (!meta || !progress || r.mode !== "search") return [];
  return progress.partitions.map((p) => {
    const start = meta.partitions.find((x) => x.partition === p.partition)?.start ?? 0;
    return { partition: p.partition, position: p.position, end: p.end, percent: p.end > start ? Math.round(((p.position - start) / (p.end - start)) * 100) : 100 };
  });
}
