import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { topicNameSchema } from "./create-topic-schema";

// Deleting a topic's records up to a point (Kafka's DeleteRecords: each partition's log start moves forward; what
// lies before it is gone). What a request would do is worked out first and shown; it runs only with the topic's
// name typed back. Pure.

export const DELETE_RECORDS_MODES = ["all", "before-offset", "before-time"] as const;
export type DeleteRecordsMode = (typeof DELETE_RECORDS_MODES)[number];

export const deleteRecordsInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    topic: topicNameSchema,
    mode: z.enum(DELETE_RECORDS_MODES),
    /** before-offset: records with a smaller offset go, in each chosen partition. */
    offset: z.number().int().min(0).optional(),
    /** before-time: records older than this (ms since epoch) go. */
    timestamp: z.number().int().min(0).optional(),
    /** null: every partition. */
    partitions: z.array(z.number().int().min(0).max(100_000)).max(10_000).nullable().default(null),
    /** The topic's name typed back; needed to delete, not to preview. */
    confirmName: z.string().max(1000).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "before-offset" && v.offset === undefined) ctx.addIssue({ code: "custom", path: ["offset"], message: "Give the offset to delete up to" });
    if (v.mode === "before-time" && v.timestamp === undefined) ctx.addIssue({ code: "custom", path: ["timestamp"], message: "Give the time to delete up to" });
  });
export type DeleteRecordsInput = z.input<typeof deleteRecordsInputSchema>;

export interface PartitionRange {
  partition: number;
  /** Log start offset now. */
  low: number;
  /** End offset (high watermark). */
  high: number;
}

export interface PartitionPurge extends PartitionRange {
  /** The log start after deleting. */
  newLow: number;
  /** How many records go. */
  removes: number;
}

/**
 * Where each chosen partition's log would start. `byTime` gives, for before-time, the first offset at or after
 * the time in each partition (-1 or missing: none, so everything goes).
 */
export function planDeleteRecords(
  ranges: PartitionRange[],
  req: { mode: DeleteRecordsMode; offset?: number; partitions: number[] | null },
  byTime: Map<number, number> = new Map(),
): PartitionPurge[] {
  const chosen = req.partitions ? ranges.filter((r) => req.partitions!.includes(r.partition)) : ranges;
  return chosen
    .map((r) => {
      let target = r.high;
      if (req.mode === "before-offset") target = req.offset ?? r.low;
      else if (req.mode === "before-time") {
        const at = byTime.get(r.partition);
        target = at === undefined || at < 0 ? r.high : at;
      }
      const newLow = Math.min(Math.max(target, r.low), r.high);
      return { ...r, newLow, removes: newLow - r.low };
    })
    .sort((a, b) => a.partition - b.partition);
}

/** The request in words, for the audit log and the confirmation. */
export function describeDeleteRecords(req: { mode: DeleteRecordsMode; offset?: number; timestamp?: number }, plan: PartitionPurge[]): string {
  const total = plan.reduce((s, p) => s + p.removes, 0);
  const touched = plan.filter((p) => p.removes > 0).length;
  const which = req.mode === "all" ? "every record" : req.mode === "before-offset" ? `records before offset ${req.offset}` : `records before ${new Date(req.timestamp ?? 0).toISOString()}`;
  return `${which}: ${total.toLocaleString("en-US")} record${total === 1 ? "" : "s"} from ${touched} partition${touched === 1 ? "" : "s"}`;
}
