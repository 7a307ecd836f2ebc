// A small binary writer and reader for the lag state and history codecs: unsigned and signed (zigzag) varints
// that stay exact up to 2^53 (plain arithmetic, no 32-bit bitwise operators), float64 for the rare value that
// is not a safe integer, and UTF-8 strings. Offsets, lags and deltas of times are small integers almost always,
// so most values take one to three bytes. Pure.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private view: DataView;
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** A non-negative safe integer. */
  uint(n: number): void {
    if (this.length + 8 > this.buf.length) this.room(8);
    const buf = this.buf;
    if (n >= 0 && n <= 0xffffffff && n === Math.floor(n)) {
      // The common case, with 32-bit shifts.
      while (n > 0x7f) {
        buf[this.length++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      buf[this.length++] = n;
      return;
    }
    if (!(n >= 0) || !Number.isSafeInteger(n)) throw new RangeError(`not a non-negative safe integer: ${n}`);
    while (n >= 0x80) {
      buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    buf[this.length++] = n;
  }

  /** A safe integer, negative or not (zigzag). */
  int(n: number): void {
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  /**
   * Any number: an integer below 2^51 in magnitude as a tagged varint, anything else (fractions,
   * larger values, NaN, infinities) as a tag and a float64.
   */
  num(n: number): void {
    if (n === Math.floor(n) && n < 2 ** 51 && n > -(2 ** 51)) {
      this.uint(n >= 0 ? n * 4 : -n * 4 - 2); // even: an integer (zigzag ×2)
    } else {
      this.uint(1); // odd: a float64 follows
      this.f64(n);
    }
  }

  /** A number or null. */
  numOrNull(n: number | null | undefined): void {
    if (n === null || n === undefined) this.byte(0);
    else {
      this.byte(1);
      this.num(n);
    }
  }

  f64(n: number): void {
    this.room(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  str(s: string): void {
    const bytes = textEncoder.encode(s);
    this.uint(bytes.length);
    this.bytes(bytes);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError("read past the end");
    return this.buf[this.pos++];
  }

  uint(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= buf.length) throw new RangeError("read past the end");
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    // Up to four 7-bit groups with shifts, the rest with arithmetic (exact to 2^53).
    let n = b & 0x7f;
    let shift = 7;
    while (shift < 28) {
      if (pos >= buf.length) throw new RangeError("read past the end");
      b = buf[pos++];
      n |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return n >>> 0;
      }
      shift += 7;
    }
    let value = n >>> 0;
    let scale = 2 ** 28;
    for (;;) {
      if (pos >= buf.length) throw new RangeError("read past the end");
      b = buf[pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = pos;
        return value;
      }
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError("varint too long");
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  num(): number {
    const z = this.uint();
    if (z % 2 === 1) return this.f64();
    const h = z / 2;
    return h % 2 === 0 ? h / 2 : -(h + 1) / 2;
  }

  numOrNull(): number | null {
    return this.byte() === 0 ? null : this.num();
  }

  f64(): number {
    if (this.pos + 8 > this.buf.length) throw new RangeError("read past the end");
    const n = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return n;
  }

  str(): string {
    const n = this.uint();
    if (this.pos + n > this.buf.length) throw new RangeError("read past the end");
    const s = textDecoder.decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
}

/** Strings written once and referred to by number afterwards (topic names, group states, client ids). */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly list: string[] = [];

  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.ids.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}
