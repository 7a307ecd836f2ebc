import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";

// Client quotas (KIP-546): per user, per client id, or per user and client id together; a part's name may be
// "the default" (null), which applies to every user / client id without one of its own. Kafka's precedence
// (most specific first): user+client-id, user+default client-id, user, default user+client-id, default
// user+default client-id, default user, client-id, default client-id.

export const QUOTA_KEYS = ["producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate"] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const QUOTA_KEY_LABELS: Record<QuotaKey, { label: string; unit: string; whole: boolean }> = {
  producer_byte_rate: { label: "Produce rate", unit: "bytes/s", whole: true },
  consumer_byte_rate: { label: "Fetch rate", unit: "bytes/s", whole: true },
  request_percentage: { label: "Request time", unit: "% of a thread", whole: false },
  controller_mutation_rate: { label: "Partition mutations", unit: "per second", whole: false },
};

export const QUOTA_ENTITY_TYPES = ["user", "client-id"] as const;
export type QuotaEntityType = (typeof QUOTA_ENTITY_TYPES)[number];

export interface QuotaEntityPart {
  type: QuotaEntityType;
  /** null: the default for this type. */
  name: string | null;
}

/** One or two parts (user and/or client id), user first. */
export type QuotaEntity = QuotaEntityPart[];

export interface ClientQuotaEntry {
  entity: QuotaEntity;
  values: Partial<Record<QuotaKey, number>>;
  /** Keys Kafka returned that Topiary does not know (shown, not editable). */
  other?: Record<string, number>;
}

export interface ClientQuotasView {
  entries: ClientQuotaEntry[];
}

const partSchema = z.object({
  type: z.enum(QUOTA_ENTITY_TYPES),
  name: z.string().trim().min(1, "Enter a name, or choose the default").max(512).nullable(),
});

export const quotaEntitySchema = z
  .array(partSchema)
  .min(1, "Choose a user, a client id, or both")
  .max(2)
  .superRefine((parts, ctx) => {
    if (parts.length === 2 && parts[0].type === parts[1].type) ctx.addIssue({ code: "custom", message: "A quota names a user and a client id at most once each" });
  })
  .transform((parts) => [...parts].sort((a, b) => QUOTA_ENTITY_TYPES.indexOf(a.type) - QUOTA_ENTITY_TYPES.indexOf(b.type)));

const quotaValue = z.coerce.number().finite("Enter a number").positive("A quota is above 0 (remove it instead)").max(1e15, "That is too large");

export const setClientQuotasInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    entity: quotaEntitySchema,
    /** Keys to set to a value. */
    set: z.partialRecord(z.enum(QUOTA_KEYS), quotaValue).default({}),
    /** Keys to remove (back to the next rule in Kafka's precedence, or no limit). */
    remove: z.array(z.enum(QUOTA_KEYS)).max(QUOTA_KEYS.length).default([]),
  })
  .superRefine((v, ctx) => {
    for (const [key, value] of Object.entries(v.set) as [QuotaKey, number][]) {
      if (QUOTA_KEY_LABELS[key].whole && !Number.isInteger(value)) ctx.addIssue({ code: "custom", path: ["set", key], message: "A byte rate is a whole number of bytes per second" });
      if (v.remove.includes(key)) ctx.addIssue({ code: "custom", path: ["set", key], message: "A key is either set or removed" });
    }
    if (Object.keys(v.set).length === 0 && v.remove.length === 0) ctx.addIssue({ code: "custom", message: "Nothing to change" });
  });
export type SetClientQuotasInput = z.input<typeof setClientQuotasInputSchema>;

const partLabel = (p: QuotaEntityPart) =>
  p.type === "user" ? (p.name === null ? "default user" : `user ${p.name}`) : p.name === null ? "default client id" : `client id ${p.name}`;

/** "user alice, client id producer-1"; "default user". */
export function describeQuotaEntity(entity: QuotaEntity): string {
  return entity.map(partLabel).join(", ");
}

export const quotaEntityKey = (entity: QuotaEntity) => entity.map((p) => `${p.type}=${p.name ?? "<default>"}`).join(",");

/** Whether an entry is about this user (its own, not the default user's). */
export const quotaIsForUser = (e: ClientQuotaEntry, user: string) => e.entity.some((p) => p.type === "user" && p.name === user);

/** "1,048,576 bytes/s" */
export function formatQuotaValue(key: QuotaKey, value: number): string {
  return `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${QUOTA_KEY_LABELS[key].unit}`;
}
