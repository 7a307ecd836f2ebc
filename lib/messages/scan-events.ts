import type { DecodedPayload } from "./decode";

// The events a message scan streams to the browser (server-sent events).

export interface ScanMeta {
  topic: string;
  partitions: { partition: number; start: number; end: number }[];
  startedAt: string;
}

export interface ScannedMessage {
  partition: number;
  /** Offsets are int64: kept as strings. */
  offset: string;
  timestamp: number;
  key: DecodedPayload | null;
  value: DecodedPayload | null;
  headers: { key: string; value: string }[];
}

export interface ScanProgress {
  scanned: number;
  matched: number;
  elapsedMs: number;
  partitions: { partition: number; position: number; end: number }[];
}

export interface ScanDone {
  /** completed: every partition reached the end offsets captured at the start. */
  reason: "completed" | "limit" | "max-scanned" | "timeout" | "stopped";
  scanned: number;
  matched: number;
  elapsedMs: number;
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
