// Inputs of the consumer-group reads and the offset reset, validated on the server. Pure.
import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { GROUP_SORTS } from "./query-groups";
import { LAG_STATUSES, type LagStatus } from "./lag-types";

export const groupIdSchema = z.string().min(1, "Name a consumer group").max(1000, "A group id has at most 1,000 characters");

export const groupListInputSchema = z.object({
  id: clusterIdSchema,
  q: z.string().max(1000).default(""),
  /** Comma-separated statuses. */
  status: z
    .string()
    .max(100)
    .default("")
    .transform((s, ctx) => {
      const list = s.split(",").map((x) => x.trim().toUpperCase()).filter(Boolean);
      for (const x of list) {
        if (!(LAG_STATUSES as readonly string[]).includes(x)) {
          ctx.addIssue({ code: "custom", message: `Unknown status "${x}": use ${LAG_STATUSES.join(", ")}` });
          return z.NEVER;
        }
      }
      return list as LagStatus[];
    }),
  sort: z.enum(GROUP_SORTS).default("totalLag"),
  desc: z.enum(["true", "false"]).default("true"),
  page: z.coerce.number().int().min(0).max(100_000).default(0),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const groupDetailInputSchema = z.object({ id: clusterIdSchema, group: groupIdSchema });

export const LAG_HISTORY_WINDOWS = { "15m": 15, "1h": 60, "6h": 360, "24h": 1440, "7d": 10080 } as const;
export type LagHistoryWindow = keyof typeof LAG_HISTORY_WINDOWS;

export const groupHistoryInputSchema = groupDetailInputSchema.extend({
  window: z.enum(Object.keys(LAG_HISTORY_WINDOWS) as [LagHistoryWindow, ...LagHistoryWindow[]]).default("1h"),
});

export const RESET_TARGETS = ["earliest", "latest", "timestamp", "offset"] as const;

export const offsetResetInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    groupId: groupIdSchema,
    topic: z.string().min(1).max(249),
    /** Only these partitions; empty or absent = every partition of the topic. */
    partitions: z.array(z.number().int().min(0).max(100_000)).max(10_000).optional(),
    target: z.enum(RESET_TARGETS),
    /** For "timestamp": ms since the epoch (the first offset at or after it; the end when none is). */
    timestamp: z.number().int().min(0).max(8_640_000_000_000_000).optional(),
    /** For "offset": the offset to set (clamped to each partition's start and end). */
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.target === "timestamp" && v.timestamp === undefined) ctx.addIssue({ code: "custom", path: ["timestamp"], message: "Give a date and time to reset to" });
    if (v.target === "offset" && v.offset === undefined) ctx.addIssue({ code: "custom", path: ["offset"], message: "Give an offset to reset to" });
  });
export type OffsetResetInput = z.infer<typeof offsetResetInputSchema>;

/** Confirming sets exactly the offsets the preview showed (each checked against the partition's range again). */
export const confirmOffsetResetInputSchema = z.object({
  clusterId: clusterIdSchema,
  groupId: groupIdSchema,
  topic: z.string().min(1).max(249),
  offsets: z
    .array(z.object({ partition: z.number().int().min(0).max(100_000), offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .min(1, "Nothing to reset")
    .max(10_000),
});
export type ConfirmOffsetResetInput = z.infer<typeof confirmOffsetResetInputSchema>;

const allowedLagSchema = z
  .number({ error: "Enter a lag (messages)" })
  .int("Lag is a whole number of messages")
  .min(0, "Lag cannot be negative")
  .max(Number.MAX_SAFE_INTEGER, "That lag is too large");

/** A cluster's status settings: its allowed lag and minimum complete share (0–1). */
export const clusterLagSettingsInputSchema = z.object({
  clusterId: clusterIdSchema,
  allowedLag: allowedLagSchema,
  minimumComplete: z.number({ error: "Enter a share between 0 and 1" }).min(0, "At least 0").max(1, "At most 1 (a full window)"),
});
export type ClusterLagSettingsInput = z.infer<typeof clusterLagSettingsInputSchema>;

/** A group's own allowed lag; null removes it (the cluster's applies again). */
export const groupAllowedLagInputSchema = z.object({ clusterId: clusterIdSchema, groupId: groupIdSchema, allowedLag: allowedLagSchema.nullable() });
export type GroupAllowedLagInput = z.infer<typeof groupAllowedLagInputSchema>;

/** Deleting a consumer group: its id typed back. */
export const deleteGroupInputSchema = z.object({ clusterId: clusterIdSchema, groupId: groupIdSchema, confirmName: z.string().max(1000) });
export type DeleteGroupInput = z.input<typeof deleteGroupInputSchema>;
