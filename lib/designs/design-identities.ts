import { z } from "zod";
import { PRINCIPAL_PATTERN, WILDCARD_PRINCIPAL } from "../acls/acl-model";
import { QUOTA_KEY_LABELS } from "../acls/client-quotas";
import type { DesignNode, Topology } from "./design-schema";
import type { Problem } from "./validate-design";

// Who an application node runs as, and what it needs beyond its edges (issue 13, items 4 and 6): its principal,
// how it produces (idempotent, transactional with its transactional id), whether its bindings use prefixes, and
// an optional client quota. Optional on the node: a design without identities has no `access` at all and
// applies no ACLs. lib/acls/design-bindings.ts derives the bindings from it.

const text = (max: number) => z.string().max(max, `At most ${max} characters`);

/** Who a design's quota is for: the node's principal (a user), its client id, or both together. */
export const QUOTA_SUBJECTS = ["user", "client-id", "user-client-id"] as const;
export type QuotaSubject = (typeof QUOTA_SUBJECTS)[number];
export const QUOTA_SUBJECT_LABELS: Record<QuotaSubject, string> = { user: "its principal (user)", "client-id": "its client id", "user-client-id": "its principal and client id together" };

/** The quota keys a design may set on an application (controller mutations are an operator's setting). */
export const DESIGN_QUOTA_KEYS = ["producer_byte_rate", "consumer_byte_rate", "request_percentage"] as const;
export type DesignQuotaKey = (typeof DESIGN_QUOTA_KEYS)[number];

const limit = z.number().finite().nullable().default(null);

export const designQuotaSchema = z.object({
  subject: z.enum(QUOTA_SUBJECTS).default("user"),
  producer_byte_rate: limit,
  consumer_byte_rate: limit,
  request_percentage: limit,
});

// Values are what the user typed: identityProblems judges them (as validate-design.ts does the rest).
export const applicationAccessSchema = z.object({
  /** `User:orders-svc`; empty: no identity, no bindings. */
  principal: text(512).default(""),
  /** Producers: idempotent (the default of today's clients) needs IDEMPOTENT_WRITE on the cluster. */
  idempotent: z.boolean().default(true),
  transactional: z.boolean().default(false),
  transactionalId: text(300).default(""),
  /** Bindings by prefix, only when the design says so: topics under `topicPrefix`, the transactional id as a prefix. */
  usePrefixes: z.boolean().default(false),
  topicPrefix: text(249).default(""),
  quota: designQuotaSchema.nullable().default(null),
});

export type ApplicationAccess = z.output<typeof applicationAccessSchema>;
export type DesignQuota = z.output<typeof designQuotaSchema>;
export type ApplicationNode = Extract<DesignNode, { kind: "producer" | "consumerGroup" | "processor" }>;

const APPLICATION_KINDS: readonly string[] = ["producer", "consumerGroup", "processor"];

export function isApplicationNode(n: { kind: string }): n is ApplicationNode {
  return APPLICATION_KINDS.includes(n.kind);
}

/** A node's access settings (defaults when it has none). */
export function accessOf(n: ApplicationNode): ApplicationAccess {
  return n.data.access ?? applicationAccessSchema.parse({});
}

export function defaultAccess(): ApplicationAccess {
  return applicationAccessSchema.parse({});
}

/** Whether a principal names one principal Kafka can bind (not User:*, not malformed). */
export function principalError(principal: string): string | null {
  const p = principal.trim();
  if (!p) return null;
  if (!PRINCIPAL_PATTERN.test(p)) return "A principal is a type and a name, such as User:orders-svc";
  if (p === WILDCARD_PRINCIPAL || p.endsWith(":*")) return "Name one principal: a design's application does not run as everyone";
  return null;
}

/** The user name a quota is set for: `User:orders-svc` → orders-svc (other principal types have none). */
export function quotaUserOf(principal: string): string | null {
  const p = principal.trim();
  return p.startsWith("User:") && !principalError(p) ? p.slice(5) : null;
}

export function clientIdOf(n: ApplicationNode): string {
  return n.kind === "consumerGroup" ? "" : n.data.clientId.trim();
}

/** The topics an application writes to and reads from, by node id, from the design's edges. */
export function applicationTopics(t: Topology): Map<string, { inputs: string[]; outputs: string[] }> {
  const kinds = new Map(t.nodes.map((n) => [n.id, n.kind]));
  const out = new Map<string, { inputs: string[]; outputs: string[] }>();
  const entry = (id: string) => out.get(id) ?? out.set(id, { inputs: [], outputs: [] }).get(id)!;
  for (const e of t.edges) {
    if (kinds.get(e.target) === "topic" && kinds.get(e.source) !== "topic") entry(e.source).outputs.push(e.target);
    else if (kinds.get(e.source) === "topic" && kinds.get(e.target) !== "topic") entry(e.target).inputs.push(e.source);
  }
  return out;
}

/**
 * What is wrong with the design's identities and quotas, one pass over the nodes. Errors block applying, as
 * the rest of validate-design.ts's do; a quota set differently for the same user or client id by two nodes is
 * an error (one of them would silently win).
 */
export function identityProblems(t: Topology): Problem[] {
  const problems: Problem[] = [];
  const topicNames = new Map(t.nodes.flatMap((n) => (n.kind === "topic" ? [[n.id, n.data.name] as const] : [])));
  const edges = applicationTopics(t);
  const quotaOwners = new Map<string, { nodeId: string; values: string }[]>();

  for (const n of t.nodes) {
    if (!isApplicationNode(n) || !n.data.access) continue;
    const a = n.data.access;
    const add = (severity: Problem["severity"], message: string, field: string) => problems.push({ severity, message, nodeId: n.id, field: `access.${field}` });
    const principal = a.principal.trim();
    const principalErr = principalError(principal);
    if (principalErr) add("error", principalErr, "principal");
    const produces = n.kind !== "consumerGroup";

    if (produces && a.transactional) {
      if (!a.transactionalId.trim()) add("error", "A transactional producer needs its transactional id", "transactionalId");
      if (!a.idempotent) add("error", "A transactional producer is always idempotent", "idempotent");
    }
    if (a.usePrefixes) {
      const prefix = a.topicPrefix;
      if (!prefix.trim() && !(produces && a.transactional)) add("error", "Enter the topic prefix the bindings use", "topicPrefix");
      else if (prefix === "*") add("error", "A prefix is the start of names; * is every name", "topicPrefix");
      else if (prefix) {
        const { inputs = [], outputs = [] } = edges.get(n.id) ?? {};
        const outside = [...new Set([...inputs, ...outputs])].map((id) => topicNames.get(id) ?? "").filter((name) => name && !name.startsWith(prefix));
        if (outside.length) add("warning", `Not under the prefix "${prefix}", so bound by name: ${outside.slice(0, 3).join(", ")}${outside.length > 3 ? "…" : ""}`, "topicPrefix");
      }
    }
    if (!principal && (a.usePrefixes || (produces && a.transactional))) add("warning", "No principal: no bindings are derived for this application", "principal");

    const q = a.quota;
    if (!q) continue;
    const set = DESIGN_QUOTA_KEYS.filter((k) => q[k] !== null);
    if (!set.length) add("error", "Set at least one limit, or remove the quota", "quota");
    for (const k of set) {
      const v = q[k]!;
      if (!(v > 0)) add("error", `${QUOTA_KEY_LABELS[k].label}: a limit is above 0`, `quota.${k}`);
      else if (QUOTA_KEY_LABELS[k].whole && !Number.isInteger(v)) add("error", `${QUOTA_KEY_LABELS[k].label}: a whole number of bytes per second`, `quota.${k}`);
    }
    const user = quotaUserOf(principal);
    const clientId = clientIdOf(n);
    if (q.subject !== "client-id" && !user) add("error", "A quota for the principal needs a User: principal", "quota.subject");
    if (q.subject !== "user" && !clientId) add("error", n.kind === "consumerGroup" ? "A consumer group node has no client id: set the quota on its principal" : "A quota for the client id needs the node's client id", "quota.subject");
    const key = `${q.subject}|${user ?? ""}|${clientId}`;
    quotaOwners.set(key, [...(quotaOwners.get(key) ?? []), { nodeId: n.id, values: JSON.stringify(set.map((k) => [k, q[k]])) }]);
  }

  for (const owners of quotaOwners.values()) {
    if (new Set(owners.map((o) => o.values)).size < 2) continue;
    for (const o of owners) problems.push({ severity: "error", nodeId: o.nodeId, field: "access.quota", message: "Another node sets a different quota for the same principal or client id" });
  }
  return problems;
}
