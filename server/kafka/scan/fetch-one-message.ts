import "server-only";
import { decodePayload } from "@/lib/messages/decode";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { getRawCluster } from "../client-registry";
import { withTimeout } from "../with-timeout";

const FULL_LIMIT = 10 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8");

/** The message at one offset, with its whole value (up to 10 MB shown). */
export async function fetchOneMessage(cluster: Cluster, topic: string, partition: number, offset: number): Promise<ScannedMessage | null> {
  const raw = await getRawCluster(cluster.id, toConnection(cluster));
  await raw.addTargetTopic(topic);
  const leaderId = Object.keys(raw.findLeaderForPartitions(topic, [partition]))[0];
  if (leaderId === undefined) return null;
  const broker = await raw.findBroker({ nodeId: leaderId });
  const res = await withTimeout(
    broker.fetch({
      replicaId: -1,
      isolationLevel: 1,
      maxWaitTime: 100,
      minBytes: 1,
      maxBytes: FULL_LIMIT + 1024 * 1024,
      topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes: FULL_LIMIT + 1024 * 1024 }] }],
    }),
    kafkaRequestTimeoutMs() + 2000,
    "fetching a message",
  );
  const m = res.responses.flatMap((t) => t.partitions).flatMap((p) => p.messages).find((x) => Number(x.offset) === offset);
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
