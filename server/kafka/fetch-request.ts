import "server-only";
// @ts-expect-error kafkajs ships no types for its protocol internals (pinned at 2.2.4, see raw-cluster.ts)
import kafkaProtocol from "kafkajs/src/protocol/requests/index.js";
// @ts-expect-error as above
import { parse as parseFetchErrors } from "kafkajs/src/protocol/requests/fetch/v1/response.js";
// @ts-expect-error as above
import Decoder from "kafkajs/src/protocol/decoder.js";
// @ts-expect-error as above
import decodeMessages from "kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js";
import type { RawMessage } from "./raw-cluster";

// A Fetch request as kafkajs sends it (its encoder, its version choice, its errors: a failed partition throws the
// same typed error), but its answer left as bytes: each partition's records are handed over as they came, to be
// read by lib/messages/record-batches.ts, instead of kafkajs decoding every record into objects first.

const FETCH = 1;

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: number;
  /** The partition's record batches, as Kafka sent them (possibly ending with a cut-off batch). */
  records: Buffer;
}

export interface FetchRequest {
  replicaId: number;
  isolationLevel: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
}

interface ProtocolBroker {
  lookupRequest(apiKey: number, definition: unknown): (args: FetchRequest & { rackId: string }) => { request: { apiVersion: number }; response: unknown; requestTimeout?: number };
  connectionPool: { send(request: unknown): Promise<unknown> };
}

/** One Fetch to `broker` (a kafkajs Broker of the low-level client); partitions' records as bytes. */
export async function fetchRecordBytes(broker: unknown, req: FetchRequest): Promise<{ topicName: string; partitions: FetchedPartition[] }[]> {
  const b = broker as ProtocolBroker;
  const built = b.lookupRequest(FETCH, kafkaProtocol.requests.Fetch)({ ...req, rackId: "" });
  const version = built.request.apiVersion;
  if (version < 4) throw new Error(`Fetch version ${version} (Kafka before 0.11) is not read here`);
  const response = { decode: async (payload: Buffer) => decodeFetch(payload, version), parse: parseFetchErrors };
  const answer = (await b.connectionPool.send({ ...built, response })) as { responses: { topicName: string; partitions: FetchedPartition[] }[] };
  return answer.responses;
}

/** Records that `forEachRecord` does not read (compressed batches, older formats), decoded by kafkajs. */
export async function decodeWithKafkajs(records: Buffer): Promise<RawMessage[]> {
  const sized = Buffer.allocUnsafe(records.length + 4);
  sized.writeInt32BE(records.length, 0);
  records.copy(sized, 4);
  return decodeMessages(new Decoder(sized));
}

/** Fetch response versions 4 to 11 (Kafka 4.0 kept 4 and later), without decoding the records. */
function decodeFetch(buf: Buffer, version: number): { responses: { topicName: string; partitions: FetchedPartition[] }[] } {
  let at = 0;
  const int16 = () => ((at += 2), buf.readInt16BE(at - 2));
  const int32 = () => ((at += 4), buf.readInt32BE(at - 4));
  const int64 = () => ((at += 8), buf.readInt32BE(at - 8) * 4294967296 + buf.readUInt32BE(at - 4));
  int32(); // throttle_time_ms
  if (version >= 7) {
    int16(); // error_code (of the fetch session: none without one)
    int32(); // session_id
  }
  const responses: { topicName: string; partitions: FetchedPartition[] }[] = [];
  for (let t = int32(); t > 0; t--) {
    const n = int16();
    const topicName = buf.toString("utf8", at, at + n);
    at += n;
    const partitions: FetchedPartition[] = [];
    for (let p = int32(); p > 0; p--) {
      const partition = int32();
      const errorCode = int16();
      const highWatermark = int64();
      int64(); // last_stable_offset
      if (version >= 5) int64(); // log_start_offset
      const aborted = int32();
      if (aborted > 0) at += aborted * 16; // producer_id, first_offset
      if (version >= 11) int32(); // preferred_read_replica
      const size = int32();
      const records = size > 0 ? buf.subarray(at, at + size) : buf.subarray(0, 0);
      if (size > 0) at += size;
      partitions.push({ partition, errorCode, highWatermark, records });
    }
    responses.push({ topicName, partitions });
  }
  return { responses };
}
