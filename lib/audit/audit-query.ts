import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";

// The audit log's filters and what a page of it looks like: validated on the server (the route's query
// string), built in the browser (the filter form).

export const AUDIT_OUTCOMES = ["succeeded", "failed", "refused"] as const;
export const AUDIT_PAGE_SIZE = 100;
/**
 * The designer saves as people edit (topology and node positions): many records per editing session. They
 * are hidden unless asked for ("Show design autosaves", or an action filter naming them).
 */
export const AUTOSAVE_ACTIONS = ["design.save", "design.layout"] as const;

/** Whether a query leaves the designer's autosaves out. */
export const hidesAutosaves = (q: { autosaves?: string; action?: string }) =>
  q.autosaves !== "show" && !AUTOSAVE_ACTIONS.some((a) => q.action && a.startsWith(q.action) && q.action.length > "design.".length);

// A blank form field means "any".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const instantSchema = z.iso.datetime({ offset: true, error: "Not a date and time (ISO 8601)" });

export const auditQuerySchema = z
  .object({
    /** Exactly this username. */
    user: z.preprocess(blankToUndefined, z.string().max(200).optional()),
    /** Actions starting with this: "topic." for every topic change, "topic.create" for creations only. */
    action: z.preprocess(blankToUndefined, z.string().max(100).optional()),
    cluster: z.preprocess(blankToUndefined, clusterIdSchema.optional()),
    outcome: z.preprocess(blankToUndefined, z.enum(AUDIT_OUTCOMES, { error: "Choose succeeded, failed or refused" }).optional()),
    /** Records at or after this instant. */
    from: z.preprocess(blankToUndefined, instantSchema.optional()),
    /** Records before this instant (exclusive, so a day's range is [midnight, next midnight)). */
    to: z.preprocess(blankToUndefined, instantSchema.optional()),
    /** "show": the designer's autosaves too (hidden by default). */
    autosaves: z.preprocess(blankToUndefined, z.enum(["show"]).optional()),
    /** 0-based, newest first. */
    page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "The end is not after the start" });
  });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditRecordView {
  id: number;
  /** ISO 8601. */
  at: string;
  username: string;
  action: string;
  clusterId: string | null;
  clusterName: string | null;
  target: string | null;
  outcome: string;
  detail: string | null;
}

export interface AuditPage {
  records: AuditRecordView[];
  /** How many records match the filters, on every page. */
  matched: number;
  page: number;
  pageSize: number;
}

/** The values the filters offer, taken from the log itself (so a removed cluster or user can still be picked). */
export interface AuditFacets {
  users: string[];
  actions: string[];
  clusters: { id: string; name: string }[];
}

/** The filter form's values: local calendar days ("2025-03-01") rather than instants. */
export interface AuditFilters {
  user: string;
  action: string;
  cluster: string;
  outcome: string;
  fromDay: string;
  toDay: string;
  /** "show" to list the designer's autosaves too. */
  autosaves: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { user: "", action: "", cluster: "", outcome: "", fromDay: "", toDay: "", autosaves: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local day's first instant, or that of the day after (`next`); undefined for a blank or malformed day. */
export function startOfLocalDay(day: string, next = false): Date | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split("-").map(Number);
  const at = new Date(y, m - 1, d + (next ? 1 : 0));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The route's query string for the form's filters: days become instants in the browser's time zone, the
 * "to" day included whole.
 */
export function auditSearchParams(f: AuditFilters, page: number): URLSearchParams {
  const p = new URLSearchParams();
  if (f.user) p.set("user", f.user);
  if (f.action) p.set("action", f.action);
  if (f.cluster) p.set("cluster", f.cluster);
  if (f.outcome) p.set("outcome", f.outcome);
  if (f.autosaves) p.set("autosaves", "show");
  const from = startOfLocalDay(f.fromDay);
  const to = startOfLocalDay(f.toDay, true);
  if (from) p.set("from", from.toISOString());
  if (to) p.set("to", to.toISOString());
  p.set("page", String(page));
  return p;
}

/** The action prefixes to filter by: each domain ("topic.") followed by its actions, in order. */
export function actionChoices(actions: readonly string[]): { value: string; label: string }[] {
  const byDomain = new Map<string, string[]>();
  for (const a of [...new Set(actions)].sort()) {
    const dot = a.indexOf(".");
    const domain = dot > 0 ? a.slice(0, dot + 1) : a;
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), a]);
  }
  const out: { value: string; label: string }[] = [];
  for (const [domain, list] of byDomain) {
    if (domain.endsWith(".")) out.push({ value: domain, label: `${domain}* (all)` });
    // An action without a domain is its own "domain".
    for (const a of list) out.push({ value: a, label: a });
  }
  return out;
}

/** The filters named in the page's address (`/audit?action=topic.&outcome=failed&from=2025-03-01`), for links. */
export function filtersFromSearchParams(sp: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (k: string) => {
    const v = sp[k];
    return (Array.isArray(v) ? v[0] : v)?.slice(0, 200) ?? "";
  };
  const day = (k: string) => (DAY.test(one(k)) ? one(k) : "");
  const outcome = one("outcome");
  return {
    user: one("user"),
    action: one("action"),
    cluster: one("cluster"),
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? outcome : "",
    fromDay: day("from"),
    toDay: day("to"),
    autosaves: one("autosaves") === "show" ? "show" : "",
  };
}

/** The page's address for the filters (the inverse of filtersFromSearchParams). */
export function auditPageHref(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of [["user", f.user], ["action", f.action], ["cluster", f.cluster], ["outcome", f.outcome], ["from", f.fromDay], ["to", f.toDay], ["autosaves", f.autosaves]] as const) if (v) p.set(k, v);
  const qs = p.toString();
  return qs ? `/audit?${qs}` : "/audit";
}
