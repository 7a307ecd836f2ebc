import { OPERATIONS_BY_RESOURCE, WILDCARD, WILDCARD_PRINCIPAL, type AclBinding, type AclOperation } from "./acl-model";
import { patternAppliesTo, type ResourceRef } from "./match-bindings";

// What Kafka's StandardAuthorizer (KRaft; AclAuthorizer decided the same) answers for a principal's action on a
// resource, from the bindings alone (StandardAuthorizerData.findAclRule / findResult):
// - super users may do anything;
// - a binding counts when its pattern applies to the resource, its principal is the caller or User:*, its host is
//   the caller's or *, and its operation is the action's, or ALL, or — for ALLOW only — one that implies it
//   (READ, WRITE, DELETE and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS);
// - any matching DENY wins over every ALLOW;
// - with no binding at all on the resource (for anyone), allow.everyone.if.no.acl.found decides (default: deny);
//   with bindings on it but none for the caller, the answer is deny.

export interface AuthorizerSettings {
  /** `super.users`, e.g. ["User:admin"]. */
  superUsers: string[];
  /** `allow.everyone.if.no.acl.found` (false unless set). */
  allowIfNoAclFound: boolean;
}

export const DEFAULT_AUTHORIZER: AuthorizerSettings = { superUsers: [], allowIfNoAclFound: false };

export type DecisionRule = "super-user" | "allow" | "deny" | "no-acl" | "no-match";

export interface Decision {
  allowed: boolean;
  /** Why: a super user, an ALLOW or DENY binding (`binding`), no binding on the resource at all, or none for the caller. */
  rule: DecisionRule;
  binding?: AclBinding;
  /**
   * Bindings that would count from one client host only (when the caller's host is not given): shown as "from
   * host X", never counted.
   */
  hostSpecific?: AclBinding[];
}

export interface AuthorizeRequest {
  principal: string;
  operation: AclOperation;
  resource: ResourceRef;
  /** The client's address; when unknown, only bindings for every host (`*`) count. */
  host?: string;
}

const IMPLIES_DESCRIBE = new Set<AclOperation>(["DESCRIBE", "READ", "WRITE", "DELETE", "ALTER"]);
const IMPLIES_DESCRIBE_CONFIGS = new Set<AclOperation>(["DESCRIBE_CONFIGS", "ALTER_CONFIGS"]);

/** Whether a binding's entry (principal and host aside) covers an operation, and as what. */
export function entryCovers(b: AclBinding, operation: AclOperation): boolean {
  if (b.operation === "ALL") return true;
  if (b.permission === "ALLOW") {
    if (operation === "DESCRIBE") return IMPLIES_DESCRIBE.has(b.operation);
    if (operation === "DESCRIBE_CONFIGS") return IMPLIES_DESCRIBE_CONFIGS.has(b.operation);
  }
  // A DENY on READ does not deny DESCRIBE: only the operation itself (or ALL).
  return b.operation === operation;
}

const principalMatches = (b: AclBinding, principal: string) => b.principal === principal || b.principal === WILDCARD_PRINCIPAL;

export function authorize(bindings: readonly AclBinding[], req: AuthorizeRequest, settings: AuthorizerSettings = DEFAULT_AUTHORIZER): Decision {
  if (settings.superUsers.includes(req.principal)) return { allowed: true, rule: "super-user" };
  let hasResourceAcls = false;
  let allow: AclBinding | undefined;
  const hostSpecific: AclBinding[] = [];
  for (const b of bindings) {
    if (!patternAppliesTo(b, req.resource)) continue;
    hasResourceAcls = true;
    if (!principalMatches(b, req.principal) || !entryCovers(b, req.operation)) continue;
    if (b.host !== WILDCARD && b.host !== req.host) {
      if (req.host === undefined) hostSpecific.push(b);
      continue;
    }
    if (b.permission === "DENY") return { allowed: false, rule: "deny", binding: b, ...(hostSpecific.length ? { hostSpecific } : {}) };
    allow ??= b;
  }
  const extra = hostSpecific.length ? { hostSpecific } : {};
  if (allow) return { allowed: true, rule: "allow", binding: allow, ...extra };
  if (!hasResourceAcls) return { allowed: settings.allowIfNoAclFound, rule: "no-acl", ...extra };
  return { allowed: false, rule: "no-match", ...extra };
}

export interface OperationAccess {
  operation: AclOperation;
  decision: Decision;
}

/** The principal's answer for every operation the resource type takes. */
export function effectiveAccess(
  bindings: readonly AclBinding[],
  principal: string,
  resource: ResourceRef,
  settings: AuthorizerSettings = DEFAULT_AUTHORIZER,
  host?: string,
): OperationAccess[] {
  return OPERATIONS_BY_RESOURCE[resource.resourceType].map((operation) => ({
    operation,
    decision: authorize(bindings, { principal, operation, resource, host }, settings),
  }));
}

/** Stands for "a principal no binding names" (so only User:* bindings and the default rule apply to it). */
export const ANY_OTHER_PRINCIPAL = "User:\u0000anyone-else";

export interface PrincipalAccessRow {
  /** A principal, `User:*` (what every principal gets from wildcard bindings), or ANY_OTHER_PRINCIPAL. */
  principal: string;
  access: OperationAccess[];
  /** The bindings that apply to this resource and name this principal (or User:*), deny first. */
  bindings: AclBinding[];
}

export interface ResourceAccess {
  resource: ResourceRef;
  /** Every binding whose pattern applies to the resource. */
  bindings: AclBinding[];
  /** One row per principal named by those bindings (and the super users), then "anyone else". */
  rows: PrincipalAccessRow[];
  /** True when no binding applies to the resource: the default rule decides for everyone but super users. */
  noAcls: boolean;
}

/**
 * Who may do what on one resource (e.g. "who can read and write this topic"): each principal that a binding on
 * it names, each super user, and anyone else.
 */
export function resourceAccess(
  bindings: readonly AclBinding[],
  resource: ResourceRef,
  settings: AuthorizerSettings = DEFAULT_AUTHORIZER,
  operations: readonly AclOperation[] = OPERATIONS_BY_RESOURCE[resource.resourceType],
): ResourceAccess {
  const applying = bindings.filter((b) => patternAppliesTo(b, resource));
  const principals = [...new Set([...applying.map((b) => b.principal), ...settings.superUsers])].sort((a, b) =>
    a === WILDCARD_PRINCIPAL ? 1 : b === WILDCARD_PRINCIPAL ? -1 : a.localeCompare(b),
  );
  const row = (principal: string): PrincipalAccessRow => ({
    principal,
    access: operations.map((operation) => ({ operation, decision: authorize(applying, { principal, operation, resource }, settings) })),
    bindings: applying.filter((b) => principalMatches(b, principal)).sort((a, b) => (a.permission === b.permission ? 0 : a.permission === "DENY" ? -1 : 1)),
  });
  return { resource, bindings: applying, rows: [...principals.map(row), row(ANY_OTHER_PRINCIPAL)], noAcls: applying.length === 0 };
}

/** The operations a decision list allows, in order: ["READ", "DESCRIBE"]. */
export const allowedOperations = (access: readonly OperationAccess[]) => access.filter((a) => a.decision.allowed).map((a) => a.operation);

export interface PrincipalResourceAccess {
  resource: ResourceRef;
  access: OperationAccess[];
  /** The bindings naming this principal (or User:*) that apply to the resource. */
  bindings: AclBinding[];
}

/**
 * What a principal may do: for each resource given (the literal names its bindings name, and known names their
 * prefixes and wildcards cover), the answer per operation. Resources where it may do nothing by a binding of
 * its own or of User:* are left out, unless a DENY names it there.
 */
export function principalAccess(
  bindings: readonly AclBinding[],
  principal: string,
  resources: readonly ResourceRef[],
  settings: AuthorizerSettings = DEFAULT_AUTHORIZER,
): PrincipalResourceAccess[] {
  const out: PrincipalResourceAccess[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    const key = `${resource.resourceType}\u0000${resource.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const own = bindings.filter((b) => principalMatches(b, principal) && patternAppliesTo(b, resource));
    if (own.length === 0 && !settings.superUsers.includes(principal)) continue;
    out.push({ resource, access: effectiveAccess(bindings, principal, resource, settings), bindings: own });
  }
  return out;
}

/**
 * The concrete resources a set of bindings is about: each literal name (not `*`), and each known name a prefix
 * or wildcard covers (up to `limit` per pattern), so a prefix binding shows on the topics it reaches.
 */
export function resourcesCoveredBy(bindings: readonly AclBinding[], known: readonly ResourceRef[], limit = 200): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  const add = (r: ResourceRef) => out.set(`${r.resourceType}\u0000${r.name}`, r);
  for (const b of bindings) {
    if (b.patternType === "LITERAL" && b.resourceName !== WILDCARD) {
      add({ resourceType: b.resourceType, name: b.resourceName });
      continue;
    }
    let n = 0;
    for (const r of known) {
      if (n >= limit) break;
      if (patternAppliesTo(b, r)) {
        add(r);
        n++;
      }
    }
  }
  return [...out.values()];
}
