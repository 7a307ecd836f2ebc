import "server-only";
import type { DecodeSpec } from "@/lib/registry/payload-decoder.mjs";

// What one filter task carries to a worker thread: a batch of one partition's messages packed into a few
// transferable buffers (no copy on the way, no per-message objects to clone), and a shared progress counter.

export interface FilterCandidate {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
  offset: number;
  timestamp: number;
}

export interface FilterTask {
  expression: string;
  partition: number;
  count: number;
  /** Keys and values, back to back. */
  data: ArrayBuffer;
  keyStart: Int32Array;
  /** −1: a null key. */
  keyLength: Int32Array;
  valueStart: Int32Array;
  valueLength: Int32Array;
  /** null: no headers. */
  headers: (Record<string, string> | null)[];
  offsets: Float64Array;
  timestamps: Float64Array;
  /** Int32 [messages evaluated so far, 1 once the worker started the task], written by the worker. */
  progress: SharedArrayBuffer;
  /** Keys and values written with a schema are decoded before the expression sees them (lib/registry/payload-decoder.mjs). */
  decode?: DecodeSpec;
}

export interface FilterTaskResult {
  /** 1 where the message matched. */
  matches: Uint8Array;
  errors: { missing: number; type: number; other: number };
  firstError: { kind: "missing" | "type" | "other"; text: string } | null;
}

export function packBatch(expression: string, partition: number, candidates: FilterCandidate[]): { task: FilterTask; transferList: ArrayBuffer[] } {
  const count = candidates.length;
  let total = 0;
  for (const c of candidates) total += (c.key?.length ?? 0) + (c.value?.length ?? 0);
  const data = new Uint8Array(new ArrayBuffer(total));
  const keyStart = new Int32Array(count);
  const keyLength = new Int32Array(count);
  const valueStart = new Int32Array(count);
  const valueLength = new Int32Array(count);
  const offsets = new Float64Array(count);
  const timestamps = new Float64Array(count);
  const headers: (Record<string, string> | null)[] = new Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const c = candidates[i];
    keyStart[i] = at;
    keyLength[i] = c.key === null ? -1 : c.key.length;
    if (c.key) {
      data.set(c.key, at);
      at += c.key.length;
    }
    valueStart[i] = at;
    valueLength[i] = c.value === null ? -1 : c.value.length;
    if (c.value) {
      data.set(c.value, at);
      at += c.value.length;
    }
    offsets[i] = c.offset;
    timestamps[i] = c.timestamp;
    let any = false;
    for (const _ in c.headers) {
      any = true;
      break;
    }
    headers[i] = any ? c.headers : null;
  }
  const task: FilterTask = {
    expression,
    partition,
    count,
    data: data.buffer,
    keyStart,
    keyLength,
    valueStart,
    valueLength,
    headers,
    offsets,
    timestamps,
    progress: new SharedArrayBuffer(8),
  };
  return { task, transferList: [data.buffer, keyStart.buffer, keyLength.buffer, valueStart.buffer, valueLength.buffer, offsets.buffer, timestamps.buffer] };
}
