import "server-only";
import type { Admin } from "kafkajs";
import { AppError } from "@/lib/errors/app-error";
import type { ConfirmOffsetResetInput, OffsetResetInput } from "@/lib/groups/group-schemas";
import type { OffsetResetPreview, OffsetResetResult } from "@/lib/groups/group-views";
import { clampSummary, planOffsetReset } from "@/lib/groups/offset-reset-plan";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, rawClusterFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { sampleCluster, sampleInFlightSince } from "./lag-sampler";
import { fetchTopicPartitions } from "@/server/topics/topic-metadata";

// Resetting a group's committed offsets: a preview of the new offsets first (with a note wherever the offset asked
// for was moved into the partition's range), then exactly those are set. Kafka only lets offsets be changed from
// outside while the group has no active members, so both steps refuse an active group and say why.

async function groupState(admin: Admin, groupId: string): Promise<{ state: string; members: number }> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0];
  return { state: g?.state ?? "Dead", members: g?.members.length ?? 0 };
}

function refusalFor(groupId: string, state: { state: string; members: number }): string | null {
  if (state.members > 0 || !["Empty", "Dead"].includes(state.state)) {
    return `Group "${groupId}" is ${state.state} with ${state.members} active member${state.members === 1 ? "" : "s"}: stop its consumers first (Kafka only lets offsets change while a group has no members).`;
  }
  return null;
}

export async function previewOffsetReset(cluster: Cluster, input: OffsetResetInput): Promise<OffsetResetPreview> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const all = (await fetchTopicPartitions(admin, input.topic)).map((p) => p.partitionId);
      const wanted = input.partitions?.length ? new Set(input.partitions) : null;
      if (wanted) {
        const missing = [...wanted].filter((p) => !all.includes(p));
        if (missing.length) throw new AppError("VALIDATION", { userMessage: `Topic "${input.topic}" has no partition ${missing.join(", ")}.` });
      }
      const partitions = all.filter((p) => !wanted || wanted.has(p)).sort((a, b) => a - b);
      const [state, offsets, committed, byTime] = await Promise.all([
        groupState(admin, input.groupId),
        admin.fetchTopicOffsets(input.topic),
        admin.fetchOffsets({ groupId: input.groupId, topics: [input.topic] }),
        input.target === "timestamp" ? admin.fetchTopicOffsetsByTimestamp(input.topic, input.timestamp) : Promise.resolve(null),
      ]);
      const range = new Map(offsets.map((o) => [o.partition, { start: Number(o.low), end: Number(o.high) }]));
      const current = new Map((committed.find((t) => t.topic === input.topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      const at = new Map((byTime ?? []).map((o) => [o.partition, Number(o.offset)]));
      const rows = planOffsetReset(
        { target: input.target, offset: input.offset },
        partitions.map((partition) => {
          const c = current.get(partition);
          return { partition, ...(range.get(partition) ?? { start: 0, end: 0 }), current: c !== undefined && c >= 0 ? c : null, atTime: at.get(partition) ?? null };
        }),
      );
      return { groupId: input.groupId, topic: input.topic, ...state, refusal: refusalFor(input.groupId, state), rows, clampNote: clampSummary(rows) };
    })(),
    kafkaRequestTimeoutMs(),
    "the offset preview",
  );
}

/**
 * Sets the confirmed offsets, after checking again that the group is inactive and each offset is in range. A new
 * sample is taken behind it (not awaited: on a big cluster it takes a second or more); the page waits for it.
 */
export async function resetGroupOffsets(cluster: Cluster, input: ConfirmOffsetResetInput): Promise<OffsetResetResult> {
  const started = Date.now();
  const reset = await setOffsetsChecked(cluster, input);
  const at = Date.now();
  // A sample already running may have read the offsets before the commit: then one more after it.
  const running = sampleInFlightSince(cluster.id) !== null;
  void sampleCluster(cluster)
    .catch(() => null)
    .then(() => (running ? sampleCluster(cluster) : null))
    .catch(() => {});
  return { reset, at, tookMs: at - started };
}

interface RawCommitBroker {
  offsetCommit(req: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
}

/**
 * Commits offsets for a group with no members in one OffsetCommit to its coordinator, as Kafka's own tools do
 * (generation -1, no member id). kafkajs' admin.setOffsets joins the group as a consumer first and waits for a
 * fetch, about 5 s per call.
 */
async function commitOffsets(cluster: Cluster, groupId: string, topic: string, offsets: { partition: number; offset: number }[]): Promise<void> {
  const raw = (await rawClusterFor(cluster)) as unknown as { findGroupCoordinator(q: { groupId: string }): Promise<RawCommitBroker> };
  const coordinator = await raw.findGroupCoordinator({ groupId });
  await coordinator.offsetCommit({
    groupId,
    groupGenerationId: -1,
    memberId: "",
    topics: [{ topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: String(o.offset) })) }],
  });
}

async function setOffsetsChecked(cluster: Cluster, input: ConfirmOffsetResetInput): Promise<number> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const [state, topicOffsets] = await Promise.all([groupState(admin, input.groupId), admin.fetchTopicOffsets(input.topic)]);
      const refusal = refusalFor(input.groupId, state);
      if (refusal) throw new AppError("CONFLICT", { userMessage: refusal });
      const ranges = new Map(topicOffsets.map((o) => [o.partition, { start: Number(o.low), end: Number(o.high) }]));
      for (const o of input.offsets) {
        const r = ranges.get(o.partition);
        if (!r) throw new AppError("VALIDATION", { userMessage: `Topic "${input.topic}" has no partition ${o.partition}.` });
        if (o.offset < r.start || o.offset > r.end) {
          throw new AppError("CONFLICT", {
            userMessage: `Offset ${o.offset} is outside partition ${o.partition}'s range ${r.start}–${r.end} now (retention may have moved it): preview again.`,
          });
        }
      }
      await commitOffsets(cluster, input.groupId, input.topic, input.offsets);
      logger.info("offsets reset", { cluster: cluster.name, group: input.groupId, topic: input.topic, partitions: input.offsets.length });
      return input.offsets.length;
    })(),
    kafkaRequestTimeoutMs(),
    "the offset reset",
  );
}
