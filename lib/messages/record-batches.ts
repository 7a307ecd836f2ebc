// Kafka's record batches (message format 2, Kafka 0.11 and later), read straight from the bytes of a Fetch answer.
// A search reads every message of a topic but keeps a few: kafkajs' decoder makes an object per record with its
// offset and timestamp as strings through 64-bit arithmetic, a decoder per record and an object per header set,
// about 3 µs per message on this machine, and that was a search's whole cost. Here a record is a few varints and
// the places of its key and value in the answer's bytes, handed to the caller in one reused object: nothing is
// allocated for a record the caller skips; views (`keyOf`, `valueOf`) and headers (`headersOf`) are made when
// asked for. Batches this does not read (compressed, an older message format) are left to kafkajs: see
// `plainBatchesOnly`. Pure.

/** One record, valid only during the visit call (the object is reused). */
export interface RecordView {
  offset: number;
  timestamp: number;
  /** Where the key starts in the buffer, and its length (−1: null). */
  keyAt: number;
  keyLength: number;
  valueAt: number;
  valueLength: number;
  /** Headers: how many, and where they start in the buffer (see `headersOf`). */
  headerCount: number;
  headersAt: number;
  /** A transaction marker (commit or abort), not data. */
  control: boolean;
}

const BATCH_HEADER = 61; // base offset (8) + length (4) … record count (4)
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME = 0x08;
const CONTROL = 0x20;

function view(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** An int64 as a number (exact below 2^53, which offsets and millisecond timestamps are). */
function int64(dv: DataView, at: number): number {
  return dv.getInt32(at) * 4294967296 + dv.getUint32(at + 4);
}

/**
 * True when every whole batch in `buf` is an uncompressed format-2 batch (what `forEachRecord` reads); false when
 * one is compressed or of an older format: then the caller decodes the answer another way.
 */
export function plainBatchesOnly(buf: Uint8Array): boolean {
  const dv = view(buf);
  let at = 0;
  while (at + BATCH_HEADER <= buf.length) {
    const end = at + 12 + dv.getInt32(at + 8);
    if (end > buf.length) break; // a partial batch at the end of the answer: not read by either
    if (buf[at + MAGIC_AT] !== 2 || (dv.getInt16(at + ATTRIBUTES_AT) & COMPRESSION_MASK) !== 0) return false;
    at = end;
  }
  return true;
}

/**
 * Calls `visit` for every record of the whole batches in `buf`, in offset order, control records included (marked).
 * Stops early when `visit` returns false. Gives the offset after the last whole batch (null when there was none):
 * a fetch cut off inside a batch continues from there.
 */
export function forEachRecord(buf: Uint8Array, visit: (r: RecordView) => boolean | void): number | null {
  const dv = view(buf);
  const r: RecordView = { offset: 0, timestamp: 0, keyAt: 0, keyLength: -1, valueAt: 0, valueLength: -1, headerCount: 0, headersAt: 0, control: false };
  let at = 0;
  let next: number | null = null;
  let pos = 0;
  // Zigzag varints, up to 2^53 (timestamps deltas are varlongs).
  const varint = (): number => {
    let b = buf[pos++];
    if (b < 0x80) return b & 1 ? -((b + 1) / 2) : b / 2;
    let value = b & 0x7f;
    let scale = 128;
    do {
      b = buf[pos++];
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return value % 2 === 1 ? -((value + 1) / 2) : value / 2;
  };
  while (at + BATCH_HEADER <= buf.length) {
    const end = at + 12 + dv.getInt32(at + 8);
    if (end > buf.length) break;
    const baseOffset = int64(dv, at);
    const attributes = dv.getInt16(at + ATTRIBUTES_AT);
    const lastOffsetDelta = dv.getInt32(at + 23);
    const baseTimestamp = int64(dv, at + 27);
    const maxTimestamp = int64(dv, at + 35);
    const count = dv.getInt32(at + 57);
    r.control = (attributes & CONTROL) !== 0;
    const appendTime = (attributes & LOG_APPEND_TIME) !== 0;
    pos = at + BATCH_HEADER;
    for (let i = 0; i < count && pos < end; i++) {
      const length = varint();
      const recordEnd = pos + length;
      pos++; // attributes
      const timestampDelta = varint();
      const offsetDelta = varint();
      r.offset = baseOffset + offsetDelta;
      r.timestamp = appendTime ? maxTimestamp : baseTimestamp + timestampDelta;
      const keyLength = varint();
      r.keyAt = pos;
      r.keyLength = keyLength;
      if (keyLength > 0) pos += keyLength;
      const valueLength = varint();
      r.valueAt = pos;
      r.valueLength = valueLength;
      if (valueLength > 0) pos += valueLength;
      r.headerCount = varint();
      r.headersAt = pos;
      pos = recordEnd;
      if (visit(r) === false) return baseOffset + offsetDelta + 1;
    }
    next = baseOffset + lastOffsetDelta + 1;
    at = end;
  }
  return next;
}

/** The record's key as a view into the buffer (null for a null key). */
export function keyOf<T extends Uint8Array>(buf: T, r: Pick<RecordView, "keyAt" | "keyLength">): T | null {
  return r.keyLength < 0 ? null : (buf.subarray(r.keyAt, r.keyAt + r.keyLength) as T);
}

/** The record's value as a view into the buffer (null for a null value). */
export function valueOf<T extends Uint8Array>(buf: T, r: Pick<RecordView, "valueAt" | "valueLength">): T | null {
  return r.valueLength < 0 ? null : (buf.subarray(r.valueAt, r.valueAt + r.valueLength) as T);
}

const utf8 = new TextDecoder("utf-8");
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A record's headers as text (the last value of a key given twice), as the search shows them. */
export function headersOf(buf: Uint8Array, r: Pick<RecordView, "headerCount" | "headersAt">): Record<string, string> {
  if (r.headerCount <= 0) return NO_HEADERS;
  const out: Record<string, string> = {};
  let pos = r.headersAt;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    let b: number;
    do {
      b = buf[pos++];
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return value % 2 === 1 ? -((value + 1) / 2) : value / 2;
  };
  for (let i = 0; i < r.headerCount; i++) {
    const kl = varint();
    const key = utf8.decode(buf.subarray(pos, pos + kl));
    pos += kl;
    const vl = varint();
    out[key] = vl < 0 ? "" : utf8.decode(buf.subarray(pos, pos + vl));
    if (vl > 0) pos += vl;
  }
  return out;
}
