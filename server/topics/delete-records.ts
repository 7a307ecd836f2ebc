import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { planDeleteRecords, type deleteRecordsInputSchema, type PartitionPurge } from "@/lib/topics/delete-records";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { forgetTopicMetadata } from "@/server/kafka/topic-metadata-cache";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { describeTopicConfigs, fetchTopicPartitions, notFoundIfUnknown, refuseInternalTopic } from "./topic-metadata";

type Input = z.output<typeof deleteRecordsInputSchema>;

export interface DeleteRecordsResult {
  topic: string;
  partitions: PartitionPurge[];
  /** Records deleted (0 for a preview). */
  deleted: number;
}

/** What deleting would do now, per partition: from the offsets and (for a time) the offsets by timestamp. */
async function plan(cluster: Cluster, input: Input): Promise<PartitionPurge[]> {
  const admin = await adminFor(cluster);
  const partitions = await fetchTopicPartitions(admin, input.topic);
  const missing = (input.partitions ?? []).filter((p) => !partitions.some((x) => x.partitionId === p));
  if (missing.length) throw new AppError("VALIDATION", { userMessage: `Topic "${input.topic}" has no partition ${missing.join(", ")}.`, fieldErrors: { partitions: "No such partition" } });
  // Kafka refuses DeleteRecords on a topic that is compacted only: say so before asking.
  const policy = (await describeTopicConfigs(admin, input.topic)).find((c) => c.configName === "cleanup.policy")?.configValue ?? "delete";
  if (!policy.split(",").map((s) => s.trim()).includes("delete")) {
    throw new AppError("VALIDATION", { userMessage: `"${input.topic}" is compacted only (cleanup.policy=${policy}): Kafka deletes records only from topics with the delete policy.` });
  }
  const offsets = await admin.fetchTopicOffsets(input.topic);
  const ranges = offsets.map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }));
  const byTime =
    input.mode === "before-time"
      ? new Map((await admin.fetchTopicOffsetsByTimestamp(input.topic, input.timestamp)).map((o) => [o.partition, Number(o.offset)] as const))
      : new Map<number, number>();
  return planDeleteRecords(ranges, input, byTime);
}

/** What deleting records would remove, per partition; nothing is changed. */
export async function previewDeleteRecords(cluster: Cluster, input: Input): Promise<DeleteRecordsResult> {
  refuseInternalTopic(input.topic, "delete records of");
  const partitions = await withTimeout(plan(cluster, input).catch(notFoundIfUnknown(input.topic)), kafkaRequestTimeoutMs() + 2000, `reading ${input.topic}`);
  return { topic: input.topic, partitions, deleted: 0 };
}

/**
 * Deletes the records before each chosen partition's new log start, once the topic's name has been typed back.
 * The plan is worked out again at this moment (offsets move), so what is deleted is what is shown in the result.
 */
export async function deleteRecords(cluster: Cluster, input: Input): Promise<DeleteRecordsResult> {
  if (input.confirmName !== input.topic) {
    throw new AppError("VALIDATION", { userMessage: `Type the topic's name ("${input.topic}") to confirm`, fieldErrors: { confirmName: "Does not match the topic's name" } });
  }
  refuseInternalTopic(input.topic, "delete records of");
  return withTimeout(
    (async () => {
      const partitions = await plan(cluster, input).catch(notFoundIfUnknown(input.topic));
      const todo = partitions.filter((p) => p.removes > 0);
      if (todo.length) {
        const admin = await adminFor(cluster);
        await admin.deleteTopicRecords({ topic: input.topic, partitions: todo.map((p) => ({ partition: p.partition, offset: String(p.newLow) })) });
        forgetTopicMetadata(cluster.id);
      }
      const deleted = todo.reduce((s, p) => s + p.removes, 0);
      logger.info("records deleted", { clusterId: cluster.id, topic: input.topic, deleted, partitions: todo.length });
      return { topic: input.topic, partitions, deleted };
    })(),
    kafkaRequestTimeoutMs() * 2 + 2000,
    `deleting records of ${input.topic}`,
  );
}
