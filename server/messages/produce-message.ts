import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { produceInputSchema } from "@/lib/messages/scan-schema";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, producerFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";

/** Sends one message; answers with where it landed. */
export async function produceMessage(cluster: Cluster, input: z.output<typeof produceInputSchema>): Promise<{ partition: number; offset: string }> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      if (!(await admin.listTopics()).includes(input.topic)) {
        throw new AppError("NOT_FOUND", { userMessage: `Topic "${input.topic}" does not exist on this cluster.` });
      }
      const producer = await producerFor(cluster);
      const [meta] = await producer.send({
        topic: input.topic,
        acks: -1,
        messages: [
          {
            key: input.key,
            value: input.value,
            headers: Object.fromEntries(input.headers.map((h) => [h.key, h.value])),
            ...(input.partition !== null ? { partition: input.partition } : {}),
          },
        ],
      });
      return { partition: meta.partition, offset: String(meta.baseOffset ?? meta.offset ?? "") };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    "producing a message",
  );
}
