import { stableHash } from "@/lib/plan/stable-hash";
import { bindingKey, compareBindings, OPERATIONS_BY_RESOURCE, WILDCARD, WILDCARD_PRINCIPAL, type AclBinding, type AclOperation } from "./acl-model";
import { ANY_OTHER_PRINCIPAL, authorize, DEFAULT_AUTHORIZER, type AuthorizerSettings, type Decision } from "./effective-access";
import { patternAppliesTo, type ResourceRef } from "./match-bindings";

// Before → after for a change to the bindings: which bindings are really created or deleted, and whose answer
// changes for which operation on which resource. The `basis` fingerprints the bindings the preview was computed
// from, so a change made elsewhere in between can be noticed when the change is confirmed.

export interface AclChange {
  add: AclBinding[];
  remove: AclBinding[];
}

export interface AccessChange {
  principal: string;
  resource: ResourceRef;
  operation: AclOperation;
  before: Decision;
  after: Decision;
}

export interface AclChangePreview {
  toCreate: AclBinding[];
  /** Asked to create, but already there: nothing to do. */
  alreadyPresent: AclBinding[];
  toDelete: AclBinding[];
  /** Asked to delete, but not there (any more). */
  notFound: AclBinding[];
  /** Every answer that changes, principal by resource by operation. */
  effects: AccessChange[];
  /** Nothing would be created or deleted. */
  nothingToDo: boolean;
  basis: string;
}

/** The resources whose answers a changed binding can move: named ones, known ones it covers, else a stand-in. */
function affectedResources(changed: readonly AclBinding[], known: readonly ResourceRef[]): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  const add = (r: ResourceRef) => out.set(`${r.resourceType}\u0000${r.name}`, r);
  for (const b of changed) {
    if (b.patternType === "LITERAL" && b.resourceName !== WILDCARD) {
      add({ resourceType: b.resourceType, name: b.resourceName });
      continue;
    }
    const covered = known.filter((r) => patternAppliesTo(b, r)).slice(0, 50);
    covered.forEach(add);
    // A prefix is itself a name it covers; "*" stands for every name.
    if (covered.length === 0) add({ resourceType: b.resourceType, name: b.resourceName });
  }
  return [...out.values()];
}

/** The fingerprint of the bindings that decide for these resources (or share a changed binding's pattern). */
export function changeBasis(current: readonly AclBinding[], changed: readonly AclBinding[], resources: readonly ResourceRef[]): string {
  const relevant = current.filter(
    (b) =>
      resources.some((r) => patternAppliesTo(b, r)) ||
      changed.some((c) => c.resourceType === b.resourceType && c.patternType === b.patternType && c.resourceName === b.resourceName),
  );
  return stableHash(relevant.map(bindingKey).sort());
}

export function previewAclChange(
  current: readonly AclBinding[],
  change: AclChange,
  known: readonly ResourceRef[] = [],
  settings: AuthorizerSettings = DEFAULT_AUTHORIZER,
): AclChangePreview {
  const have = new Map(current.map((b) => [bindingKey(b), b]));
  const removeKeys = new Set<string>();
  const toDelete: AclBinding[] = [];
  const notFound: AclBinding[] = [];
  for (const b of change.remove) {
    const k = bindingKey(b);
    if (removeKeys.has(k)) continue;
    removeKeys.add(k);
    (have.has(k) ? toDelete : notFound).push(b);
  }
  const addKeys = new Set<string>();
  const toCreate: AclBinding[] = [];
  const alreadyPresent: AclBinding[] = [];
  for (const b of change.add) {
    const k = bindingKey(b);
    if (addKeys.has(k)) continue;
    addKeys.add(k);
    (have.has(k) && !removeKeys.has(k) ? alreadyPresent : toCreate).push(b);
  }
  const after = [...current.filter((b) => !removeKeys.has(bindingKey(b))), ...toCreate];
  const changed = [...toCreate, ...toDelete];
  const resources = affectedResources(changed.length ? changed : [...change.add, ...change.remove], known);

  const effects: AccessChange[] = [];
  for (const resource of resources) {
    // Whose answers can move: the principals the changed bindings name; with User:* (or a default rule that
    // flips when the first or last binding on a resource comes or goes) everyone with bindings there too.
    const principals = new Set(changed.filter((b) => patternAppliesTo(b, resource)).map((b) => b.principal));
    if (principals.size === 0) continue;
    if (principals.has(WILDCARD_PRINCIPAL) || settings.allowIfNoAclFound) {
      for (const b of [...current, ...toCreate]) if (patternAppliesTo(b, resource)) principals.add(b.principal);
    }
    principals.add(ANY_OTHER_PRINCIPAL);
    for (const principal of [...principals].sort()) {
      for (const operation of OPERATIONS_BY_RESOURCE[resource.resourceType]) {
        const before = authorize(current, { principal, operation, resource }, settings);
        const afterDecision = authorize(after, { principal, operation, resource }, settings);
        if (before.allowed !== afterDecision.allowed) effects.push({ principal, resource, operation, before, after: afterDecision });
      }
    }
  }
  return {
    toCreate: toCreate.sort(compareBindings),
    alreadyPresent,
    toDelete: toDelete.sort(compareBindings),
    notFound,
    effects,
    nothingToDo: toCreate.length === 0 && toDelete.length === 0,
    basis: changeBasis(current, [...change.add, ...change.remove], resources),
  };
}
