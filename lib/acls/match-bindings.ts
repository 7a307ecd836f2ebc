import { z } from "zod";
import { ACL_OPERATIONS, ACL_PERMISSIONS, RESOURCE_TYPES, WILDCARD, type AclBinding, type ResourceType } from "./acl-model";

/** A concrete resource a client acts on (Kafka authorizes literal names only). */
export interface ResourceRef {
  resourceType: ResourceType;
  name: string;
}

type Pattern = Pick<AclBinding, "resourceType" | "resourceName" | "patternType">;

/**
 * Whether a binding's resource pattern applies to a resource, as Kafka's StandardAuthorizer decides it: the same
 * type, and a LITERAL pattern with the same name or `*`, or a PREFIXED pattern the name starts with.
 */
export function patternAppliesTo(p: Pattern, r: ResourceRef): boolean {
  if (p.resourceType !== r.resourceType) return false;
  if (p.patternType === "PREFIXED") return r.name.startsWith(p.resourceName);
  return p.resourceName === r.name || p.resourceName === WILDCARD;
}

/**
 * How a filter's resource name is compared, as in Kafka's ResourcePatternFilter: LITERAL and PREFIXED bindings
 * with exactly that name and pattern type; ANY pattern type with exactly that name; MATCH every binding that
 * applies to a resource of that name (literal, `*`, prefixes of it).
 */
export const NAME_MATCHES = ["MATCH", "ANY", "LITERAL", "PREFIXED"] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const anyOr = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.literal("ANY"), z.literal("")])
    .optional()
    .transform((v) => (v === "ANY" || v === "" ? undefined : (v as T[number] | undefined)));

/** A filter over bindings; every field left out matches everything. */
export const aclFilterSchema = z.object({
  resourceType: anyOr(RESOURCE_TYPES),
  resourceName: optionalText(512),
  nameMatch: z.enum(NAME_MATCHES).default("MATCH"),
  /** Exactly this principal. */
  principal: optionalText(512),
  /** Principals containing this text (case-insensitive): the browser's search box. */
  principalContains: optionalText(200),
  operation: anyOr(ACL_OPERATIONS),
  permission: anyOr(ACL_PERMISSIONS),
  host: optionalText(255),
});
export type AclFilter = z.output<typeof aclFilterSchema>;
export type AclFilterInput = z.input<typeof aclFilterSchema>;

export function nameMatches(b: Pattern, name: string, how: NameMatch): boolean {
  switch (how) {
    case "LITERAL":
      return b.patternType === "LITERAL" && b.resourceName === name;
    case "PREFIXED":
      return b.patternType === "PREFIXED" && b.resourceName === name;
    case "ANY":
      return b.resourceName === name;
    case "MATCH":
      return b.patternType === "PREFIXED" ? name.startsWith(b.resourceName) : b.resourceName === name || b.resourceName === WILDCARD;
  }
}

export function bindingMatchesFilter(b: AclBinding, f: AclFilter): boolean {
  if (f.resourceType && b.resourceType !== f.resourceType) return false;
  if (f.resourceName !== undefined && !nameMatches(b, f.resourceName, f.nameMatch)) return false;
  if (f.principal !== undefined && b.principal !== f.principal) return false;
  if (f.principalContains !== undefined && !b.principal.toLowerCase().includes(f.principalContains.toLowerCase())) return false;
  if (f.operation && b.operation !== f.operation) return false;
  if (f.permission && b.permission !== f.permission) return false;
  if (f.host !== undefined && b.host !== f.host) return false;
  return true;
}

export function filterBindings(bindings: readonly AclBinding[], filter: AclFilter): AclBinding[] {
  return bindings.filter((b) => bindingMatchesFilter(b, filter));
}
