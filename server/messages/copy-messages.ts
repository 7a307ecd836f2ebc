import "server-only";
import type { z } from "zod";
import type { IHeaders } from "kafkajs";
import { AppError } from "@/lib/errors/app-error";
import type { copyMessagesInputSchema } from "@/lib/messages/copy-schema";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, producerFor } from "@/server/kafka/client-registry";
import type { RawMessage } from "@/server/kafka/raw-cluster";
import { withTimeout } from "@/server/kafka/with-timeout";
import { fetchRecords } from "./fetch-records";

const FETCH_BYTES = 4 * 1024 * 1024;

export interface CopyMessagesResult {
  copied: number;
  /** Chosen messages that were not there any more (deleted by retention meanwhile). */
  missing: number;
  target: string;
}

/** The chosen records of one partition, read batch by batch from the smallest offset on. */
async function readPartition(cluster: Cluster, topic: string, partition: number, offsets: number[]): Promise<Map<number, RawMessage>> {
  const wanted = new Set(offsets);
  const found = new Map<number, RawMessage>();
  let next = Math.min(...offsets);
  const last = Math.max(...offsets);
  while (next <= last && found.size < wanted.size) {
    const batch = await fetchRecords(cluster, topic, partition, next, FETCH_BYTES);
    if (!batch.length) break;
    for (const m of batch) if (wanted.has(Number(m.offset))) found.set(Number(m.offset), m);
    const after = Number(batch[batch.length - 1].offset) + 1;
    // The next chosen offset not yet found, past what this fetch covered.
    const rest = offsets.filter((o) => o >= after && !found.has(o));
    if (!rest.length) break;
    next = Math.min(...rest);
  }
  return found;
}

/** Copies the chosen messages (key, value and headers byte for byte, in the order given) to the target topic. */
export async function copyMessages(cluster: Cluster, input: z.output<typeof copyMessagesInputSchema>): Promise<CopyMessagesResult> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const topics = await admin.listTopics();
      for (const t of [input.topic, input.target]) {
        if (!topics.includes(t)) throw new AppError("NOT_FOUND", { userMessage: `Topic "${t}" does not exist on this cluster.`, fieldErrors: t === input.target ? { target: "No such topic" } : undefined });
      }
      const targetPartitions = input.keepPartition ? (await admin.fetchTopicOffsets(input.target)).length : 0;
      const byPartition = new Map<number, number[]>();
      for (const r of input.refs) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), Number(r.offset)]);
      const read = new Map<number, Map<number, RawMessage>>();
      for (const [partition, offsets] of byPartition) read.set(partition, await readPartition(cluster, input.topic, partition, offsets));

      const messages = input.refs.flatMap((r) => {
        const m = read.get(r.partition)?.get(Number(r.offset));
        if (!m) return [];
        return [
          {
            key: m.key,
            value: m.value,
            headers: m.headers as IHeaders,
            ...(input.keepPartition && r.partition < targetPartitions ? { partition: r.partition } : {}),
          },
        ];
      });
      if (messages.length) {
        const producer = await producerFor(cluster);
        await producer.send({ topic: input.target, acks: -1, messages });
      }
      return { copied: messages.length, missing: input.refs.length - messages.length, target: input.target };
    })(),
    kafkaRequestTimeoutMs() * 3 + 2000,
    `copying messages to ${input.target}`,
  );
}
