import "server-only";
// @ts-expect-error kafkajs ships no types for its protocol internals (pinned at 2.2.4, see raw-cluster.ts)
import Encoder from "kafkajs/src/protocol/encoder.js";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { withTimeout } from "./with-timeout";

// OffsetFetch for many groups in one request (version 8, KIP-709, Kafka 3.0 and later), which kafkajs does not
// speak: its OffsetFetch names one group, so a lag snapshot of 20,000 groups was 20,000 requests, and encoding,
// sending and decoding them took seconds of the server's CPU. Here all the groups one coordinator holds go in a
// few requests. Version 8 is a "flexible" version (compact strings and arrays, tagged fields): kafkajs writes
// request header version 1, so the body starts with the header's (empty) tagged fields, and the answer's first
// byte is the response header's.

const OFFSET_FETCH = 9;
const VERSION = 8;

export interface GroupOffsets {
  groupId: string;
  /** Kafka's error code for the group (0: none; e.g. 16 NOT_COORDINATOR, 14 COORDINATOR_LOAD_IN_PROGRESS). */
  errorCode: number;
  topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
}

interface ProtocolBroker {
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: {
    send(request: { request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<unknown> }; response: { decode(b: Buffer): Promise<unknown>; parse(d: unknown): Promise<unknown> } }): Promise<unknown>;
  };
}

/** Whether the broker (a kafkajs Broker of the low-level client) takes OffsetFetch for many groups at once. */
export function canFetchOffsetsInBatches(broker: unknown): boolean {
  const v = (broker as ProtocolBroker).versions?.[OFFSET_FETCH];
  return !!v && v.minVersion <= VERSION && v.maxVersion >= VERSION;
}

/** Every committed offset of each group (offset "-1": none on that partition), in one request to their coordinator. */
export async function fetchOffsetsOfGroups(broker: unknown, groupIds: readonly string[], timeoutMs = kafkaRequestTimeoutMs()): Promise<GroupOffsets[]> {
  const request = {
    apiKey: OFFSET_FETCH,
    apiVersion: VERSION,
    apiName: "OffsetFetch",
    encode: async () => {
      const e = new Encoder();
      e.writeUVarInt(0); // request header tagged fields
      e.writeUVarInt(groupIds.length + 1);
      for (const id of groupIds) {
        e.writeUVarIntString(id);
        e.writeUVarInt(0); // topics: null, every topic
        e.writeUVarInt(0); // tagged fields
      }
      e.writeBoolean(false); // require_stable
      e.writeUVarInt(0); // tagged fields
      return e;
    },
  };
  const response = { decode: async (payload: Buffer) => decodeResponse(payload), parse: async (decoded: unknown) => decoded };
  return (await withTimeout((broker as ProtocolBroker).connectionPool.send({ request, response }), timeoutMs, "committed offsets")) as GroupOffsets[];
}

function decodeResponse(buf: Buffer): GroupOffsets[] {
  let at = 0;
  const uvarint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++];
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  const int16 = () => ((at += 2), buf.readInt16BE(at - 2));
  const int32 = () => ((at += 4), buf.readInt32BE(at - 4));
  const int64 = () => ((at += 8), buf.readBigInt64BE(at - 8).toString());
  const string = () => {
    const n = uvarint() - 1;
    if (n < 0) return null;
    const s = buf.toString("utf8", at, at + n);
    at += n;
    return s;
  };
  const skipTags = () => {
    for (let n = uvarint(); n > 0; n--) {
      uvarint(); // tag
      at += uvarint(); // size
    }
  };
  const array = <T>(item: () => T): T[] => {
    const n = uvarint() - 1;
    const out: T[] = new Array(Math.max(0, n));
    for (let i = 0; i < n; i++) out[i] = item();
    return out;
  };

  skipTags(); // response header
  int32(); // throttle_time_ms
  const groups = array(() => {
    const groupId = string() ?? "";
    const topics = array(() => {
      const topic = string() ?? "";
      const partitions = array(() => {
        const partition = int32();
        const offset = int64();
        int32(); // committed_leader_epoch
        string(); // metadata
        const errorCode = int16();
        skipTags();
        return { partition, offset, errorCode };
      });
      skipTags();
      return { topic, partitions: partitions.filter((p) => p.errorCode === 0).map(({ partition, offset }) => ({ partition, offset })) };
    });
    const errorCode = int16();
    skipTags();
    return { groupId, errorCode, topics };
  });
  skipTags();
  return groups;
}
