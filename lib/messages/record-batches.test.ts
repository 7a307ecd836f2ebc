// kafkajs' own record batch encoder and decoder are the reference: the batches are made by it, and every record
// read here must equal what it decodes.
// @ts-expect-error kafkajs ships no types for its protocol internals
import Decoder from "kafkajs/src/protocol/decoder.js";
// @ts-expect-error as above
import Record from "kafkajs/src/protocol/recordBatch/record/v0/index.js";
// @ts-expect-error as above
import { RecordBatch } from "kafkajs/src/protocol/recordBatch/v0/index.js";
// @ts-expect-error as above
import decodeBatch from "kafkajs/src/protocol/recordBatch/v0/decoder.js";
import { describe, expect, it } from "vitest";
import { forEachRecord, headersOf, keyOf, plainBatchesOnly, valueOf } from "./record-batches";

type Spec = { key: string | null; value: string | Buffer | null; headers?: Record<string, string | string[]>; timestampDelta?: number };

async function batch(firstOffset: number, firstTimestamp: number, specs: Spec[], opts: { compression?: number; transactional?: boolean } = {}): Promise<Buffer> {
  const records = specs.map((s, i) =>
    Record({ offsetDelta: i, timestampDelta: s.timestampDelta ?? i * 1000, key: s.key === null ? null : Buffer.from(s.key), value: s.value === null ? null : Buffer.from(s.value), headers: s.headers }),
  );
  const encoded = await RecordBatch({ firstOffset: String(firstOffset), firstTimestamp, maxTimestamp: firstTimestamp + specs.length * 1000, lastOffsetDelta: specs.length - 1, records, ...opts });
  return encoded.buffer;
}

async function kafkajsRecords(buf: Buffer) {
  const d = new Decoder(buf);
  const out = [];
  while (d.canReadBytes(61)) out.push(...(await decodeBatch(d)).records);
  return out;
}

function ours(buf: Buffer) {
  const out: { offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers: Record<string, string> }[] = [];
  const next = forEachRecord(buf, (r) => {
    out.push({ offset: String(r.offset), timestamp: String(r.timestamp), key: keyOf(buf, r) && Buffer.from(keyOf(buf, r)!), value: valueOf(buf, r) && Buffer.from(valueOf(buf, r)!), headers: headersOf(buf, r) });
  });
  return { out, next };
}

const lastOf = (v: Buffer | Buffer[] | null) => (Array.isArray(v) ? v[v.length - 1] : v);

describe("record batches", () => {
  it("reads every record as kafkajs decodes it: offsets past 2^32, timestamps, null and empty keys and values, headers", async () => {
    const big = 5_000_000_000; // offsets beyond 32 bits
    const specs: Spec[] = [
      { key: "k1", value: '{"a":1}', headers: { source: "web", trace: "x" } },
      { key: null, value: "" },
      { key: "", value: null },
      { key: "ключ", value: Buffer.from([0, 1, 2, 255]), headers: { dup: ["first", "second"] } },
      { key: "long", value: "v".repeat(70_000), timestampDelta: 3_000_000_000 }, // multi-byte varints, a varlong delta
    ];
    const buf = Buffer.concat([await batch(big, 1_780_000_000_000, specs), await batch(big + 5, 1_780_000_100_000, [{ key: "z", value: "last" }])]);
    expect(plainBatchesOnly(buf)).toBe(true);
    const theirs = await kafkajsRecords(buf);
    const { out, next } = ours(buf);
    expect(next).toBe(big + 6);
    expect(out.length).toBe(theirs.length);
    out.forEach((r, i) => {
      const t = theirs[i];
      expect(r.offset).toBe(t.offset);
      expect(r.timestamp).toBe(t.timestamp);
      expect(r.key).toEqual(t.key);
      expect(r.value).toEqual(t.value);
      expect(r.headers).toEqual(Object.fromEntries(Object.entries(t.headers as Record<string, Buffer | Buffer[]>).map(([k, v]) => [k, lastOf(v as Buffer | Buffer[] | null)?.toString("utf8") ?? ""])));
    });
  });

  it("stops before a batch cut off at the end of a fetch, and says where to go on", async () => {
    const a = await batch(100, 1_780_000_000_000, [{ key: "a", value: "1" }, { key: "b", value: "2" }]);
    const b = await batch(102, 1_780_000_000_000, [{ key: "c", value: "3" }]);
    const cut = Buffer.concat([a, b.subarray(0, b.length - 3)]);
    const { out, next } = ours(cut);
    expect(out.map((r) => r.offset)).toEqual(["100", "101"]);
    expect(next).toBe(102);
    expect(forEachRecord(Buffer.alloc(0), () => {})).toBeNull();
  });

  it("leaves compressed batches to kafkajs", async () => {
    const gz = await batch(0, 1_780_000_000_000, [{ key: "a", value: "x".repeat(500) }], { compression: 1 });
    expect(plainBatchesOnly(Buffer.concat([await batch(0, 1, [{ key: "a", value: "b" }]), gz]))).toBe(false);
  });

  it("stops when the visitor says so", async () => {
    const buf = await batch(7, 1_780_000_000_000, [{ key: "a", value: "1" }, { key: "b", value: "2" }, { key: "c", value: "3" }]);
    const seen: number[] = [];
    const next = forEachRecord(buf, (r) => {
      seen.push(r.offset);
      return r.offset < 8;
    });
    expect(seen).toEqual([7, 8]);
    expect(next).toBe(9);
  });
});
