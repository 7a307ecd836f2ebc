import type { DecodedWith } from "../registry/decoded-with";
import type { DecodedPayload } from "./decode";

// The events a message scan streams to the browser (server-sent events).

/**
 * How results are ordered: "time" — across partitions by timestamp (a search from the earliest offsets, an
 * offset, a time, or the latest N); "arrival" — as they come (live tail).
 */
export type ResultOrder = "time" | "arrival";

export interface ScanMeta {
  topic: string;
  partitions: { partition: number; start: number; end: number }[];
  startedAt: string;
  order: ResultOrder;
}

export interface ScannedMessage {
  partition: number;
  /** Offsets are int64: kept as strings. */
  offset: string;
  timestamp: number;
  key: DecodedPayload | null;
  value: DecodedPayload | null;
  headers: { key: string; value: string }[];
  /** Decoded with a schema (registry, contract or pasted): the format, subject and schema id, or why it did not decode. */
  keySchema?: DecodedWith;
  valueSchema?: DecodedWith;
}

/** Messages on which the expression could not be evaluated (they do not match), by why, with one example. */
export interface EvaluationErrors {
  /** The message lacks a field (or list index) the expression reads. */
  missing: number;
  /** The values' types do not fit the operator, e.g. `value.total > "abc"` where total is a number. */
  type: number;
  other: number;
  /** The first such error's message. */
  example: string | null;
}

export const noEvaluationErrors = (): EvaluationErrors => ({ missing: 0, type: 0, other: 0, example: null });

/** The evaluation errors in words, or "" when there were none. */
export function describeEvaluationErrors(e: EvaluationErrors | undefined): string {
  if (!e) return "";
  const parts: string[] = [];
  if (e.missing) parts.push(`${e.missing.toLocaleString("en-US")} message(s) lacked a field the expression reads`);
  if (e.type) parts.push(`on ${e.type.toLocaleString("en-US")} message(s) the types did not fit the expression`);
  if (e.other) parts.push(`on ${e.other.toLocaleString("en-US")} message(s) the expression failed`);
  if (!parts.length) return "";
  return `${parts.join("; ")}${e.example ? ` (e.g. ${e.example})` : ""}`;
}

export interface ScanProgress {
  scanned: number;
  matched: number;
  evaluationErrors?: EvaluationErrors;
  elapsedMs: number;
  partitions: { partition: number; position: number; end: number }[];
}

export interface ScanDone {
  /** completed: every partition reached the end offsets captured at the start. */
  reason: "completed" | "limit" | "max-scanned" | "timeout" | "stopped";
  scanned: number;
  matched: number;
  elapsedMs: number;
  evaluationErrors?: EvaluationErrors;
}

export const DONE_REASON_TEXT: Record<ScanDone["reason"], string> = {
  completed: "reached the end offsets captured when the search started",
  limit: "found the maximum number of results",
  "max-scanned": "scanned the maximum number of messages",
  timeout: "reached the time limit",
  stopped: "stopped",
};

/** One server-sent event, as the stream writes it. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
