import "server-only";
import type { AclEntry, AclFilter, DescribeAclResource } from "kafkajs";
import {
  OPERATION_CODES,
  PATTERN_TYPE_CODES,
  PERMISSION_CODES,
  RESOURCE_TYPE_CODES,
  type AclBinding,
  type AclOperation,
  type AclPermission,
  type PatternType,
  type ResourceType,
} from "@/lib/acls/acl-model";
import { AppError } from "@/lib/errors/app-error";

// Bindings as kafkajs sends and receives them (Kafka's wire codes), and back.

const byCode = <K extends string>(codes: Record<K, number>) => new Map<number, K>((Object.entries(codes) as [K, number][]).map(([k, v]) => [v, k]));
const RESOURCE_TYPES_BY_CODE = byCode(RESOURCE_TYPE_CODES);
const PATTERN_TYPES_BY_CODE = byCode(PATTERN_TYPE_CODES);
const OPERATIONS_BY_CODE = byCode(OPERATION_CODES);
const PERMISSIONS_BY_CODE = byCode(PERMISSION_CODES);

/** The bindings of a DescribeAcls answer; entries with codes this Kafka model does not know are counted apart. */
export function bindingsFromDescribe(resources: DescribeAclResource[]): { bindings: AclBinding[]; unreadable: number } {
  const bindings: AclBinding[] = [];
  let unreadable = 0;
  for (const r of resources) {
    const resourceType = RESOURCE_TYPES_BY_CODE.get(r.resourceType as number) as ResourceType | undefined;
    const patternType = PATTERN_TYPES_BY_CODE.get(r.resourcePatternType as number) as PatternType | undefined;
    for (const a of r.acls) {
      const operation = OPERATIONS_BY_CODE.get(a.operation as number) as AclOperation | undefined;
      const permission = PERMISSIONS_BY_CODE.get(a.permissionType as number) as AclPermission | undefined;
      if (!resourceType || !patternType || !operation || !permission) {
        unreadable++;
        continue;
      }
      bindings.push({ resourceType, resourceName: r.resourceName, patternType, principal: a.principal, host: a.host, operation, permission });
    }
  }
  return { bindings, unreadable };
}

// kafkajs 2.2.4 checks entries against its own enums, which end at IDEMPOTENT_WRITE and DELEGATION_TOKEN.
const KAFKAJS_MAX_OPERATION = OPERATION_CODES.IDEMPOTENT_WRITE;
const KAFKAJS_MAX_RESOURCE = RESOURCE_TYPE_CODES.DELEGATION_TOKEN;

function refuseUnsendable(b: AclBinding): void {
  if (OPERATION_CODES[b.operation] > KAFKAJS_MAX_OPERATION || RESOURCE_TYPE_CODES[b.resourceType] > KAFKAJS_MAX_RESOURCE) {
    throw new AppError("VALIDATION", {
      userMessage: `Topiary cannot change bindings for ${b.resourceType === "USER" ? "USER resources" : b.operation} yet (its Kafka client, kafkajs 2.2.4, does not know them); use kafka-acls for those.`,
    });
  }
}

export function toKafkaEntry(b: AclBinding): AclEntry {
  refuseUnsendable(b);
  return {
    resourceType: RESOURCE_TYPE_CODES[b.resourceType],
    resourceName: b.resourceName,
    resourcePatternType: PATTERN_TYPE_CODES[b.patternType],
    principal: b.principal,
    host: b.host,
    operation: OPERATION_CODES[b.operation],
    permissionType: PERMISSION_CODES[b.permission],
  } as AclEntry;
}

/** A filter that matches exactly this binding (every field literal), so a delete removes it and nothing else. */
export function exactFilter(b: AclBinding): AclFilter {
  return toKafkaEntry(b) as AclFilter;
}

/** Every binding on the cluster. */
export const MATCH_ALL: AclFilter = { resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 } as AclFilter;
