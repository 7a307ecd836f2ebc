import { z } from "zod";

// Kafka's ACL model as plain data: what a binding is, the names of its enums (with Kafka's wire codes, which the
// server hands to kafkajs) and what is valid where. The names and rules follow Apache Kafka 4.1
// (org.apache.kafka.common.acl / resource, and AclEntry.supportedOperations).

export const RESOURCE_TYPES = ["TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** How a binding's resource name is read: the name itself (or `*` for every name), or a prefix of names. */
export const PATTERN_TYPES = ["LITERAL", "PREFIXED"] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export const ACL_OPERATIONS = [
  "ALL",
  "READ",
  "WRITE",
  "CREATE",
  "DELETE",
  "ALTER",
  "DESCRIBE",
  "CLUSTER_ACTION",
  "DESCRIBE_CONFIGS",
  "ALTER_CONFIGS",
  "IDEMPOTENT_WRITE",
  "CREATE_TOKENS",
  "DESCRIBE_TOKENS",
  "TWO_PHASE_COMMIT",
] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number];

export const ACL_PERMISSIONS = ["ALLOW", "DENY"] as const;
export type AclPermission = (typeof ACL_PERMISSIONS)[number];

/** Kafka's wire codes (ResourceType, PatternType, AclOperation, AclPermissionType). */
export const RESOURCE_TYPE_CODES: Record<ResourceType, number> = { TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7 };
export const PATTERN_TYPE_CODES: Record<PatternType, number> = { LITERAL: 3, PREFIXED: 4 };
export const OPERATION_CODES: Record<AclOperation, number> = {
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
  TWO_PHASE_COMMIT: 15,
};
export const PERMISSION_CODES: Record<AclPermission, number> = { DENY: 2, ALLOW: 3 };

/** The one name a CLUSTER resource has. */
export const CLUSTER_RESOURCE_NAME = "kafka-cluster";
/** A LITERAL resource name, principal or host that matches every name, principal or host. */
export const WILDCARD = "*";
export const WILDCARD_PRINCIPAL = "User:*";

/** The operations Kafka accepts per resource type (ALL is accepted everywhere). */
export const OPERATIONS_BY_RESOURCE: Record<ResourceType, readonly AclOperation[]> = {
  TOPIC: ["READ", "WRITE", "CREATE", "DESCRIBE", "DELETE", "ALTER", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"],
  GROUP: ["READ", "DESCRIBE", "DELETE", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"],
  CLUSTER: ["CREATE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "ALTER", "DESCRIBE"],
  TRANSACTIONAL_ID: ["DESCRIBE", "WRITE", "TWO_PHASE_COMMIT"],
  DELEGATION_TOKEN: ["DESCRIBE"],
  USER: ["CREATE_TOKENS", "DESCRIBE_TOKENS"],
};

export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  TOPIC: "topic",
  GROUP: "consumer group",
  CLUSTER: "cluster",
  TRANSACTIONAL_ID: "transactional id",
  DELEGATION_TOKEN: "delegation token",
  USER: "user",
};

/** One ACL binding: a resource pattern and an access control entry, exactly as Kafka stores it. */
export interface AclBinding {
  resourceType: ResourceType;
  resourceName: string;
  patternType: PatternType;
  /** `User:alice`; `User:*` for every principal. */
  principal: string;
  /** A client address, or `*` for every host. */
  host: string;
  operation: AclOperation;
  permission: AclPermission;
}

/** A principal as Kafka writes it: a type, a colon and a name (`User:orders-svc`). */
export const PRINCIPAL_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*:.+$/;

export const principalSchema = z
  .string()
  .trim()
  .min(3, "Enter a principal such as User:orders-svc")
  .max(512, "A principal has at most 512 characters")
  .regex(PRINCIPAL_PATTERN, "A principal is a type and a name, such as User:orders-svc (or User:* for everyone)");

export const aclBindingSchema = z
  .object({
    resourceType: z.enum(RESOURCE_TYPES),
    resourceName: z.string().trim().min(1, "Enter a resource name (or * for every name)").max(512),
    patternType: z.enum(PATTERN_TYPES).default("LITERAL"),
    principal: principalSchema,
    host: z.string().trim().min(1).max(255).default(WILDCARD),
    operation: z.enum(ACL_OPERATIONS),
    permission: z.enum(ACL_PERMISSIONS).default("ALLOW"),
  })
  .superRefine((b, ctx) => {
    for (const problem of bindingProblems(b)) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });

/** What Kafka would refuse in a binding, said before Kafka is asked. */
export function bindingProblems(b: AclBinding): { field: keyof AclBinding; message: string }[] {
  const out: { field: keyof AclBinding; message: string }[] = [];
  if (b.operation !== "ALL" && !OPERATIONS_BY_RESOURCE[b.resourceType].includes(b.operation)) {
    out.push({
      field: "operation",
      message: `${b.operation} does not apply to a ${RESOURCE_TYPE_LABELS[b.resourceType]} (it takes ${["ALL", ...OPERATIONS_BY_RESOURCE[b.resourceType]].join(", ")})`,
    });
  }
  if (b.resourceType === "CLUSTER" && (b.resourceName !== CLUSTER_RESOURCE_NAME || b.patternType !== "LITERAL")) {
    out.push({ field: "resourceName", message: `A cluster binding names the literal resource "${CLUSTER_RESOURCE_NAME}"` });
  }
  if (b.patternType === "PREFIXED" && b.resourceName === WILDCARD) {
    out.push({ field: "resourceName", message: "Every name is the literal *, not a prefix *" });
  }
  if (b.principal.endsWith(":*") && b.principal !== WILDCARD_PRINCIPAL) {
    out.push({ field: "principal", message: "Only User:* stands for every principal" });
  }
  return out;
}

/** A stable key for a binding (equal bindings, equal keys). */
export function bindingKey(b: AclBinding): string {
  return [b.resourceType, b.patternType, b.resourceName, b.principal, b.host, b.operation, b.permission].join("\u0000");
}

/** Sorted for display: resource type, name, principal, deny before allow, operation. */
export function compareBindings(a: AclBinding, b: AclBinding): number {
  return (
    RESOURCE_TYPES.indexOf(a.resourceType) - RESOURCE_TYPES.indexOf(b.resourceType) ||
    a.resourceName.localeCompare(b.resourceName) ||
    a.patternType.localeCompare(b.patternType) ||
    a.principal.localeCompare(b.principal) ||
    (a.permission === b.permission ? 0 : a.permission === "DENY" ? -1 : 1) ||
    ACL_OPERATIONS.indexOf(a.operation) - ACL_OPERATIONS.indexOf(b.operation) ||
    a.host.localeCompare(b.host)
  );
}

/** `User:alice` → alice; a principal of another type stays whole. */
export function userNameOf(principal: string): string | null {
  return principal.startsWith("User:") && principal !== WILDCARD_PRINCIPAL ? principal.slice(5) : null;
}

/** One line a person reads: "ALLOW User:alice WRITE on topic orders (from any host)". */
export function describeBinding(b: AclBinding): string {
  const label = RESOURCE_TYPE_LABELS[b.resourceType];
  const where =
    b.resourceType === "CLUSTER"
      ? "the cluster"
      : b.patternType === "PREFIXED"
        ? `${label}s starting with "${b.resourceName}"`
        : b.resourceName === WILDCARD
          ? `every ${label}`
          : `${label} "${b.resourceName}"`;
  return `${b.permission} ${b.principal} ${b.operation} on ${where}${b.host === WILDCARD ? "" : ` from ${b.host}`}`;
}
