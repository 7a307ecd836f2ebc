import type { Topology } from "../designs/design-schema";
import type { Plan } from "../plan/plan-types";
import { stableHash } from "../plan/stable-hash";
import { bindingKey, describeBinding, type AclBinding } from "./acl-model";
import { describeQuotaEntity, formatQuotaValue, quotaEntityKey, type ClientQuotaEntry, type QuotaEntity, type QuotaKey } from "./client-quotas";
import { designBindings, designQuotas } from "./design-bindings";

// What applying a design's identities changes on a cluster (issue 13, items 5 and 6), with the topics' safety:
// bindings the design needs and the cluster lacks are created; a binding is deleted only when Topiary created it
// for this design (the store's record: Kafka's ACLs carry no tags), the design no longer needs it and no other
// design recorded it; everything else is listed and never touched. Client quota keys likewise: set as designed,
// removed only when this design set them. Pure: the same inputs give the same plan and hash.

export type QuotaValues = Partial<Record<QuotaKey, number>>;

export type AclState = { state: "enforced"; bindings: AclBinding[] } | { state: "not-enforced" } | { state: "unreadable"; error: string };

export interface LiveAccess {
  acls: AclState;
  /** null: not read (the design sets no quota and has set none here). */
  quotas: { entries: ClientQuotaEntry[] } | { error: string } | null;
}

export interface RecordedAccess {
  /** Bindings Topiary created on this cluster for this design. */
  mine: AclBinding[];
  /** Bindings Topiary created on this cluster for other designs, with those designs' names. */
  others: { binding: AclBinding; designName: string }[];
  /** The quota keys this design set on this cluster, per entity. */
  quotas: { entity: QuotaEntity; values: QuotaValues }[];
}

/**
 * create: needed, not on the cluster. in-sync: needed and there, created by Topiary (for this design or another).
 * present: needed and there, made outside Topiary (never removed by it). delete: created for this design, no
 * longer needed, no other design's. kept: the same, but another design recorded it too (it stays).
 */
export type BindingStatus = "create" | "in-sync" | "present" | "delete" | "kept";

export interface BindingPlan {
  binding: AclBinding;
  status: BindingStatus;
  /** The design's nodes that need it (none for delete / kept). */
  nodeIds: string[];
  /** Created for this design earlier and since removed outside Topiary (drift). */
  removedByHand?: boolean;
  /** Other designs that recorded it. */
  otherDesigns?: string[];
}

export interface QuotaPlan {
  entity: QuotaEntity;
  label: string;
  status: "change" | "in-sync";
  before: QuotaValues;
  after: QuotaValues;
  set: QuotaValues;
  remove: QuotaKey[];
  /** The values the design sets ({} when it no longer sets a quota for this entity). */
  designed: QuotaValues;
  nodeIds: string[];
}

export type AccessChange =
  | { kind: "createAcl"; binding: AclBinding; nodeIds: string[] }
  | { kind: "deleteAcl"; binding: AclBinding }
  | { kind: "setQuota"; entity: QuotaEntity; set: QuotaValues; remove: QuotaKey[]; before: QuotaValues; after: QuotaValues };

export interface AccessPlan {
  acls: AclState["state"];
  /** Why no binding is planned (no authorizer, or the bindings could not be read). */
  note: string | null;
  bindings: BindingPlan[];
  /** Bindings on the cluster no design of Topiary's recorded: listed (the first 500), never touched. */
  unmanaged: AclBinding[];
  unmanagedCount: number;
  /** Bindings other designs created that this one does not need (never touched by this one). */
  otherDesignsCount: number;
  quotas: QuotaPlan[];
  quotaNote: string | null;
  /** Creates, quota changes, then deletions. */
  changes: AccessChange[];
  hash: string;
}

const UNMANAGED_SHOWN = 500;

/** The key the store keeps a binding under (no NUL: PostgreSQL text cannot hold one). */
export function storedBindingKey(b: AclBinding): string {
  return JSON.stringify([b.resourceType, b.patternType, b.resourceName, b.principal, b.host, b.operation, b.permission]);
}

/** Whether the design has anything for this plan: an application with an identity, or a record on the cluster. */
export function designUsesAccess(t: Topology, recorded: Pick<RecordedAccess, "mine" | "quotas">): boolean {
  return designBindings(t).length > 0 || designQuotas(t).length > 0 || recorded.mine.length > 0 || recorded.quotas.length > 0;
}

function planBindings(t: Topology, acls: AclState, recorded: RecordedAccess): Pick<AccessPlan, "bindings" | "unmanaged" | "unmanagedCount" | "otherDesignsCount"> {
  if (acls.state !== "enforced") return { bindings: [], unmanaged: [], unmanagedCount: 0, otherDesignsCount: 0 };
  const live = new Set(acls.bindings.map(bindingKey));
  const mine = new Set(recorded.mine.map(bindingKey));
  const others = new Map<string, string[]>();
  for (const o of recorded.others) others.set(bindingKey(o.binding), [...new Set([...(others.get(bindingKey(o.binding)) ?? []), o.designName])]);
  const out: BindingPlan[] = [];
  const desired = new Set<string>();
  for (const { binding, nodeIds } of designBindings(t)) {
    const key = bindingKey(binding);
    desired.add(key);
    const otherDesigns = others.get(key);
    const status: BindingStatus = !live.has(key) ? "create" : mine.has(key) || otherDesigns ? "in-sync" : "present";
    out.push({ binding, status, nodeIds, ...(status === "create" && mine.has(key) ? { removedByHand: true } : {}), ...(otherDesigns ? { otherDesigns } : {}) });
  }
  for (const binding of recorded.mine) {
    const key = bindingKey(binding);
    if (desired.has(key) || !live.has(key)) continue;
    const otherDesigns = others.get(key);
    out.push({ binding, status: otherDesigns ? "kept" : "delete", nodeIds: [], ...(otherDesigns ? { otherDesigns } : {}) });
  }
  const unmanaged = acls.bindings.filter((b) => !desired.has(bindingKey(b)) && !mine.has(bindingKey(b)) && !others.has(bindingKey(b)));
  const otherDesignsCount = acls.bindings.filter((b) => !desired.has(bindingKey(b)) && others.has(bindingKey(b))).length;
  return { bindings: out, unmanaged: unmanaged.slice(0, UNMANAGED_SHOWN), unmanagedCount: unmanaged.length, otherDesignsCount };
}

function planQuotas(t: Topology, live: LiveAccess["quotas"], recorded: RecordedAccess): QuotaPlan[] {
  if (!live || "error" in live) return [];
  const desired = new Map(designQuotas(t).map((q) => [quotaEntityKey(q.entity), q]));
  const set = new Map(recorded.quotas.map((q) => [quotaEntityKey(q.entity), q]));
  const out: QuotaPlan[] = [];
  for (const key of [...new Set([...desired.keys(), ...set.keys()])].sort()) {
    const want = desired.get(key);
    const entity = want?.entity ?? set.get(key)!.entity;
    const before: QuotaValues = { ...(live.entries.find((e) => quotaEntityKey(e.entity) === key)?.values ?? {}) };
    const wanted: QuotaValues = want?.values ?? {};
    const toSet: QuotaValues = {};
    for (const [k, v] of Object.entries(wanted) as [QuotaKey, number][]) if (before[k] !== v) toSet[k] = v;
    const remove = (Object.keys(set.get(key)?.values ?? {}) as QuotaKey[]).filter((k) => !(k in wanted) && before[k] !== undefined).sort();
    const changed = Object.keys(toSet).length > 0 || remove.length > 0;
    // A quota this design no longer sets and that is gone already: nothing to show (its record is dropped).
    if (!want && !changed) continue;
    const after: QuotaValues = { ...before, ...toSet };
    for (const k of remove) delete after[k];
    out.push({ entity, label: describeQuotaEntity(entity), status: changed ? "change" : "in-sync", before, after, set: toSet, remove, designed: wanted, nodeIds: want?.nodeIds ?? [] });
  }
  return out;
}

function aclNote(acls: AclState, needed: number): string | null {
  if (acls.state === "not-enforced") {
    return `ACLs are not enforced on this cluster (it runs without an authorizer): no bindings are planned${needed ? `, although the design's applications need ${needed}` : ""}.`;
  }
  if (acls.state === "unreadable") return `The cluster's ACLs could not be read, so no bindings are planned: ${acls.error}`;
  return null;
}

/** What applying the design's identities and quotas changes, binding by binding and key by key. */
export function planAccess(t: Topology, live: LiveAccess, recorded: RecordedAccess): AccessPlan {
  const b = planBindings(t, live.acls, recorded);
  const quotas = planQuotas(t, live.quotas, recorded);
  const changes: AccessChange[] = [
    ...b.bindings.filter((x) => x.status === "create").map((x): AccessChange => ({ kind: "createAcl", binding: x.binding, nodeIds: x.nodeIds })),
    ...quotas.filter((q) => q.status === "change").map((q): AccessChange => ({ kind: "setQuota", entity: q.entity, set: q.set, remove: q.remove, before: q.before, after: q.after })),
    ...b.bindings.filter((x) => x.status === "delete").map((x): AccessChange => ({ kind: "deleteAcl", binding: x.binding })),
  ];
  const quotaNote = live.quotas && "error" in live.quotas ? `The cluster's client quotas could not be read, so none are planned: ${live.quotas.error}` : null;
  const hash = stableHash({
    acls: live.acls.state,
    bindings: b.bindings.map((x) => [bindingKey(x.binding), x.status, x.removedByHand ?? false]),
    quotas: quotas.map((q) => [quotaEntityKey(q.entity), q.before, q.set, q.remove]),
    quotaNote,
  });
  return { acls: live.acls.state, note: aclNote(live.acls, designBindings(t).length), ...b, quotas, quotaNote, changes, hash };
}

/** The topics' plan with the access plan in it: its changes run after the topics', one hash covers both. */
export function withAccessPlan(plan: Plan, access: AccessPlan | undefined): Plan {
  if (!access) return plan;
  return { ...plan, access, changes: [...plan.changes, ...access.changes], hash: stableHash([plan.hash, access.hash]).slice(0, 16) };
}

/**
 * The principals whose bindings the plan deletes: apply asks for each one to be typed back, as deleting a
 * topic asks for its name (and as the ACL editor asks for the principal).
 */
export function principalsToConfirm(plan: Pick<Plan, "changes">): string[] {
  return [...new Set(plan.changes.flatMap((c) => (c.kind === "deleteAcl" ? [c.binding.principal] : [])))].sort();
}

export function describeAccessChange(c: AccessChange): string {
  switch (c.kind) {
    case "createAcl":
      return `create ACL: ${describeBinding(c.binding)}`;
    case "deleteAcl":
      return `delete ACL: ${describeBinding(c.binding)}`;
    case "setQuota": {
      const keys = [...Object.keys(c.set), ...c.remove] as QuotaKey[];
      const part = (k: QuotaKey) => `${k} ${c.before[k] === undefined ? "(none)" : formatQuotaValue(k, c.before[k]!)} → ${c.after[k] === undefined ? "(none)" : formatQuotaValue(k, c.after[k]!)}`;
      return `quota for ${describeQuotaEntity(c.entity)}: ${keys.map(part).join(", ")}`;
    }
  }
}

/**
 * What the store should remember after an apply, from the plan and which of its changes were done: bindings in
 * sync, created (or created before and removed by hand, still this design's), and deletions that failed;
 * quota keys as designed where they are in sync or were set, the old record where setting failed.
 */
export function recordAfterApply(plan: AccessPlan, recorded: RecordedAccess, done: (c: AccessChange) => boolean): Pick<RecordedAccess, "mine" | "quotas"> {
  const createdOk = new Set(plan.changes.filter((c) => c.kind === "createAcl" && done(c)).map((c) => bindingKey((c as { binding: AclBinding }).binding)));
  const deletedOk = new Set(plan.changes.filter((c) => c.kind === "deleteAcl" && done(c)).map((c) => bindingKey((c as { binding: AclBinding }).binding)));
  const mine =
    plan.acls === "enforced"
      ? plan.bindings
          .filter((x) => {
            const key = bindingKey(x.binding);
            if (x.status === "in-sync") return true;
            if (x.status === "create") return createdOk.has(key) || x.removedByHand === true;
            if (x.status === "delete") return !deletedOk.has(key);
            return false;
          })
          .map((x) => x.binding)
      : recorded.mine;
  let quotas = recorded.quotas;
  if (plan.quotaNote === null) {
    // A key is the design's once Topiary set it: a key that already had the designed value stays unrecorded
    // (someone else set it, so removing it from the design leaves it).
    const old = new Map(recorded.quotas.map((q) => [quotaEntityKey(q.entity), q.values]));
    const changes = new Map(plan.changes.flatMap((c) => (c.kind === "setQuota" ? [[quotaEntityKey(c.entity), c] as const] : [])));
    quotas = [];
    for (const q of plan.quotas) {
      const key = quotaEntityKey(q.entity);
      const change = changes.get(key);
      const before = old.get(key) ?? {};
      if (change && !done(change)) {
        if (old.has(key)) quotas.push({ entity: q.entity, values: before });
        continue;
      }
      const values = Object.fromEntries((Object.entries(q.designed) as [QuotaKey, number][]).filter(([k]) => k in q.set || before[k] !== undefined)) as QuotaValues;
      if (Object.keys(values).length) quotas.push({ entity: q.entity, values });
    }
  }
  return { mine, quotas };
}
