import { WILDCARD_PRINCIPAL } from "@/lib/acls/acl-model";
import { ANY_OTHER_PRINCIPAL, type Decision } from "@/lib/acls/effective-access";

// How the ACL views say things: principals and the authorizer's answers in words.

export function principalLabel(principal: string): string {
  if (principal === ANY_OTHER_PRINCIPAL) return "anyone else";
  if (principal === WILDCARD_PRINCIPAL) return "everyone (User:*)";
  return principal;
}

/** A real principal (one a page can be about), not "anyone else". */
export const isNamedPrincipal = (principal: string) => principal !== ANY_OTHER_PRINCIPAL;

export const principalHref = (clusterId: string, principal: string) => `/clusters/${clusterId}/acls/principal?${new URLSearchParams({ name: principal })}`;

export type DecisionTone = "allowed" | "denied" | "deny-binding";

export interface DecisionLabel {
  text: string;
  tone: DecisionTone;
  /** The longer reason, for a tooltip or a screen reader. */
  why: string;
}

export function decisionLabel(d: Decision): DecisionLabel {
  switch (d.rule) {
    case "super-user":
      return { text: "allowed", tone: "allowed", why: "a super user: every operation is allowed" };
    case "allow":
      return { text: "allowed", tone: "allowed", why: `by ${d.binding ? `${d.binding.operation} on ${d.binding.patternType === "PREFIXED" ? `prefix "${d.binding.resourceName}"` : d.binding.resourceName === "*" ? "*" : `"${d.binding.resourceName}"`}${d.binding.principal === WILDCARD_PRINCIPAL ? " for User:*" : ""}` : "a binding"}` };
    case "deny":
      return { text: "denied", tone: "deny-binding", why: `by a DENY binding (${d.binding?.operation} for ${d.binding?.principal}), which wins over any ALLOW` };
    case "no-acl":
      return d.allowed
        ? { text: "allowed", tone: "allowed", why: "no binding on this resource, and the brokers allow everyone then (allow.everyone.if.no.acl.found)" }
        : { text: "denied", tone: "denied", why: "no binding on this resource at all" };
    case "no-match":
      return { text: "denied", tone: "denied", why: "no binding allows it" };
  }
}
