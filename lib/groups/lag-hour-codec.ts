// One hour of a lag series as twelve 5-minute buckets, packed into one small byte string (a LagHour row): the
// buckets present as a bit mask, then per bucket its worst status, its mean lag, and its last committed and end
// offsets as differences from the bucket before (offsets only grow, so the differences are small). About 60–120
// bytes for a full hour, where twelve rows would take about 1,300 with their index entries. Pure.
import { ByteReader, ByteWriter } from "./byte-codec";

export const BUCKET_SECONDS = 300;
export const BUCKETS_PER_HOUR = 3600 / BUCKET_SECONDS;
const FORMAT = 1;

export interface LagBucket {
  /** 0–11: the bucket's place in the hour. */
  slot: number;
  /** Mean lag over the bucket's samples. */
  lag: number;
  committed: number;
  endOffset: number;
  /** Worst status severity (0 OK … 4 STOP). */
  status: number;
}

export function encodeLagHour(buckets: readonly LagBucket[]): Uint8Array<ArrayBuffer> {
  const sorted = [...buckets].sort((a, b) => a.slot - b.slot);
  let mask = 0;
  for (const b of sorted) {
    if (!Number.isInteger(b.slot) || b.slot < 0 || b.slot >= BUCKETS_PER_HOUR) throw new RangeError(`bucket slot ${b.slot}`);
    mask |= 1 << b.slot;
  }
  const w = new ByteWriter(16 + sorted.length * 12);
  w.byte(FORMAT);
  w.uint(mask);
  let committed = 0;
  let end = 0;
  let last = -1;
  for (const b of sorted) {
    if (b.slot === last) continue; // one per slot
    last = b.slot;
    w.byte(b.status);
    w.num(b.lag);
    w.num(b.committed - committed);
    w.num(b.endOffset - end);
    committed = b.committed;
    end = b.endOffset;
  }
  return w.finish();
}

export function decodeLagHour(bytes: Uint8Array): LagBucket[] {
  const r = new ByteReader(bytes);
  const format = r.byte();
  if (format !== FORMAT) throw new Error(`unknown lag hour format ${format}`);
  const mask = r.uint();
  const out: LagBucket[] = [];
  let committed = 0;
  let end = 0;
  for (let slot = 0; slot < BUCKETS_PER_HOUR; slot++) {
    if (!(mask & (1 << slot))) continue;
    const status = r.byte();
    const lag = r.num();
    committed += r.num();
    end += r.num();
    out.push({ slot, lag, committed, endOffset: end, status });
  }
  return out;
}

/** The start of the hour `at` (ms) falls in, and the bucket's slot within it. */
export function hourAndSlot(at: number): { hour: number; slot: number } {
  const hour = Math.floor(at / 3600_000) * 3600_000;
  return { hour, slot: Math.floor((at - hour) / (BUCKET_SECONDS * 1000)) };
}
