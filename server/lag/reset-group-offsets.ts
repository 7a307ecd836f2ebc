import "server-only";
import type { Admin } from "kafkajs";
import { AppError } from "@/lib/errors/app-error";
import type { ConfirmOffsetResetInput, OffsetResetInput } from "@/lib/lag/group-schemas";
import type { OffsetResetPreview } from "@/lib/lag/group-views";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { getAdmin } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { sampleCluster } from "./lag-sampler";
import { fetchTopicPartitions } from "@/server/topics/topic-metadata";

// Resetting a group's committed offsets: a preview of the new offsets first, then exactly those are set.
// Kafka only lets offsets be changed from outside while the group has no active members, so both steps
// refuse an active group and say why.

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
      const admin = await getAdmin(cluster.id, toConnection(cluster));
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
      const rows = partitions.map((partition) => {
        const { start, end } = range.get(partition) ?? { start: 0, end: 0 };
        let newOffset: number;
        switch (input.target) {
          case "earliest":
            newOffset = start;
            break;
          case "latest":
            newOffset = end;
            break;
          case "timestamp": {
            const o = at.get(partition);
            newOffset = o === undefined || o < 0 ? end : o; // no message at or after the time: the end
            break;
          }
          case "offset":
            newOffset = Math.min(end, Math.max(start, input.offset!));
            break;
        }
        const c = current.get(partition);
        return { partition, current: c !== undefined && c >= 0 ? c : null, newOffset: Math.max(start, Math.min(end, newOffset)), start, end };
      });
      return { groupId: input.groupId, topic: input.topic, ...state, refusal: refusalFor(input.groupId, state), rows };
    })(),
    kafkaRequestTimeoutMs(),
    "the offset preview",
  );
}

/** Sets the confirmed offsets, after checking again that the group is inactive and each offset is in range. */
export async function resetGroupOffsets(cluster: Cluster, input: ConfirmOffsetResetInput): Promise<{ reset: number }> {
  const result = await setOffsetsChecked(cluster, input);
  // A new sample, so the group's page shows the new offsets at once.
  await sampleCluster(cluster).catch(() => {});
  return result;
}

async function setOffsetsChecked(cluster: Cluster, input: ConfirmOffsetResetInput): Promise<{ reset: number }> {
  return withTimeout(
    (async () => {
      const admin = await getAdmin(cluster.id, toConnection(cluster));
      const refusal = refusalFor(input.groupId, await groupState(admin, input.groupId));
      if (refusal) throw new AppError("CONFLICT", { userMessage: refusal });
      const ranges = new Map((await admin.fetchTopicOffsets(input.topic)).map((o) => [o.partition, { start: Number(o.low), end: Number(o.high) }]));
      for (const o of input.offsets) {
        const r = ranges.get(o.partition);
        if (!r) throw new AppError("VALIDATION", { userMessage: `Topic "${input.topic}" has no partition ${o.partition}.` });
        if (o.offset < r.start || o.offset > r.end) {
          throw new AppError("CONFLICT", {
            userMessage: `Offset ${o.offset} is outside partition ${o.partition}'s range ${r.start}–${r.end} now (retention may have moved it): preview again.`,
          });
        }
      }
      await admin.setOffsets({ groupId: input.groupId, topic: input.topic, partitions: input.offsets.map((o) => ({ partition: o.partition, offset: String(o.offset) })) });
      logger.info("offsets reset", { cluster: cluster.name, group: input.groupId, topic: input.topic, partitions: input.offsets.length });
      return { reset: input.offsets.length };
    })(),
    kafkaRequestTimeoutMs(),
    "the offset reset",
  );
}
