import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { scanDecodeSchema } from "../registry/scan-decode-schema";
import { topicNameSchema } from "../topics/create-topic-schema";

// What a message search asks for, and its bounds. Query-string values arrive as strings, hence coerce.

export const SCAN_BOUNDS = {
  limit: { default: 500, max: 10_000 },
  maxScanned: { default: 5_000_000, max: 50_000_000 },
  maxDurationMs: { default: 60_000, max: 600_000 },
  latestCount: { default: 100, max: 100_000 },
  expressionLength: 2_000,
} as const;

const startSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("earliest") }),
  z.object({ kind: z.literal("latest"), count: z.coerce.number().int().min(1).max(SCAN_BOUNDS.latestCount.max).default(SCAN_BOUNDS.latestCount.default) }),
  z.object({ kind: z.literal("offset"), offset: z.coerce.number().int().min(0) }),
  z.object({ kind: z.literal("timestamp"), timestamp: z.coerce.number().int().min(0) }),
]);

export const quickFiltersSchema = z.object({
  keyEquals: z.string().max(1000).optional(),
  keyContains: z.string().max(1000).optional(),
  valueContains: z.string().max(1000).optional(),
  headerKey: z.string().max(256).optional(),
  headerValue: z.string().max(1000).optional(),
});
export type QuickFilters = z.output<typeof quickFiltersSchema>;

export const scanRequestSchema = z.object({
  topic: topicNameSchema,
  /** null: every partition. */
  partitions: z.array(z.number().int().min(0).max(100_000)).max(10_000).nullable().default(null),
  start: startSchema.default({ kind: "earliest" }),
  limit: z.coerce.number().int().min(1).max(SCAN_BOUNDS.limit.max).default(SCAN_BOUNDS.limit.default),
  maxScanned: z.coerce.number().int().min(1).max(SCAN_BOUNDS.maxScanned.max).default(SCAN_BOUNDS.maxScanned.default),
  maxDurationMs: z.coerce.number().int().min(100).max(SCAN_BOUNDS.maxDurationMs.max).default(SCAN_BOUNDS.maxDurationMs.default),
  filters: quickFiltersSchema.default({}),
  expression: z.string().max(SCAN_BOUNDS.expressionLength, `An expression has at most ${SCAN_BOUNDS.expressionLength} characters`).default(""),
  /** Keys and values written with a schema: see lib/registry/scan-decode-schema.ts. */
  decode: scanDecodeSchema.optional(),
});
export type ScanRequest = z.output<typeof scanRequestSchema>;

/** The scan route takes the request as one JSON query parameter (`q`), so that EventSource (GET) can carry it. */
export const scanRouteInputSchema = z.object({
  id: clusterIdSchema,
  q: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "q is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(scanRequestSchema),
});

export const produceInputSchema = z.object({
  clusterId: clusterIdSchema,
  topic: topicNameSchema,
  key: z.string().max(100_000).nullable().default(null),
  value: z.string().max(1_000_000, "A value has at most 1,000,000 characters").nullable(),
  /** "json" checks that the value parses as JSON before sending. */
  format: z.enum(["text", "json"]).default("text"),
  headers: z.array(z.object({ key: z.string().min(1).max(256), value: z.string().max(10_000) })).max(100).default([]),
  /** null: the partitioner chooses (by key). */
  partition: z.number().int().min(0).max(100_000).nullable().default(null),
}).superRefine((v, ctx) => {
  if (v.format === "json" && v.value !== null) {
    try {
      JSON.parse(v.value);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `Not valid JSON: ${(e as Error).message}` });
    }
  }
});
