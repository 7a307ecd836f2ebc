import "server-only";
import { decodePayload } from "@/lib/messages/decode";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import type { Cluster } from "@/prisma/generated/client";
import { fetchRecords } from "./fetch-records";

const FULL_LIMIT = 10 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8");

/** The message at one offset, with its whole value (up to 10 MB shown); null when there is none. */
export async function fetchOneMessage(cluster: Cluster, topic: string, partition: number, offset: number): Promise<ScannedMessage | null> {
  const m = (await fetchRecords(cluster, topic, partition, offset, FULL_LIMIT + 1024 * 1024)).find((x) => Number(x.offset) === offset);
  if (!m) return null;
  return {
    partition,
    offset: m.offset,
    timestamp: Number(m.timestamp),
    key: decodePayload(m.key, FULL_LIMIT),
    value: decodePayload(m.value, FULL_LIMIT),
    headers: Object.entries(m.headers ?? {}).map(([key, v]) => ({ key, value: v ? utf8.decode(Array.isArray(v) ? v[v.length - 1] : v) : "" })),
  };
}
