import {
  aclBindingSchema,
  CLUSTER_RESOURCE_NAME,
  type AclBinding,
  type AclOperation,
  type AclPermission,
  type PatternType,
  type ResourceType,
} from "@/lib/acls/acl-model";
import { leastBindings } from "@/lib/acls/derive-bindings";

// The add-bindings form's state, and the bindings it stands for (pure: tested without a browser).

export type DraftMode = "operations" | "producer" | "consumer";

export interface BindingDraft {
  mode: DraftMode;
  principal: string;
  permission: AclPermission;
  resourceType: ResourceType;
  patternType: PatternType;
  resourceName: string;
  host: string;
  operations: AclOperation[];
  group: string;
  transactionalId: string;
  idempotent: boolean;
}

/** The bindings a draft stands for: as typed, or the least a producer / consumer group needs (lib/acls/derive-bindings). */
export function bindingsOfDraft(d: BindingDraft): AclBinding[] {
  const principal = d.principal.trim();
  const topic = { name: d.resourceName.trim(), pattern: d.patternType };
  if (d.mode === "producer") {
    return leastBindings({ kind: "producer", principal, topics: [topic], transactionalId: d.transactionalId.trim() ? { name: d.transactionalId.trim() } : null, idempotent: d.idempotent });
  }
  if (d.mode === "consumer") return leastBindings({ kind: "consumerGroup", principal, group: { name: d.group.trim() }, topics: [topic] });
  const name = d.resourceType === "CLUSTER" ? CLUSTER_RESOURCE_NAME : d.resourceName.trim();
  return d.operations.map((operation) => ({
    resourceType: d.resourceType,
    resourceName: name,
    patternType: d.resourceType === "CLUSTER" ? "LITERAL" : d.patternType,
    principal,
    host: d.host.trim() || "*",
    operation,
    permission: d.permission,
  }));
}

/** What is wrong with a draft before the server is asked: the first problem per field. */
export function draftProblems(d: BindingDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.mode === "operations" && d.operations.length === 0) out.operations = "Choose at least one operation";
  if (d.mode === "consumer" && !d.group.trim()) out.group = "Enter the consumer group";
  for (const b of bindingsOfDraft(d)) {
    const r = aclBindingSchema.safeParse(b);
    if (r.success) continue;
    for (const issue of r.error.issues) {
      const field = String(issue.path[0] ?? "form");
      out[field] ??= issue.message;
    }
  }
  return out;
}

export const EMPTY_DRAFT: BindingDraft = {
  mode: "operations",
  principal: "User:",
  permission: "ALLOW",
  resourceType: "TOPIC",
  patternType: "LITERAL",
  resourceName: "",
  host: "*",
  operations: [],
  group: "",
  transactionalId: "",
  idempotent: true,
};

