"use client";
import type { AuthorizerView } from "@/lib/acls/acl-views";

/** Whether the cluster checks ACLs at all, and what the views assume where Kafka does not say. */
export function AuthorizerNote({ enabled, authorizer }: { enabled: boolean; authorizer: AuthorizerView }) {
  if (!enabled) {
    return (
      <p className="banner" role="note" data-testid="no-authorizer">
        This cluster runs without an authorizer: it keeps no ACLs and every client that can connect may read and write everything.
      </p>
    );
  }
  return (
    <p className="muted small" data-testid="authorizer">
      Authorizer: <code>{authorizer.className ?? "unknown"}</code>.{" "}
      {authorizer.superUsersKnown ? `Super users: ${authorizer.superUsers.join(", ") || "none"}.` : "Super users are not shown (Kafka does not reveal super.users)."}{" "}
      {authorizer.defaultRuleKnown
        ? authorizer.allowIfNoAclFound
          ? "A resource without any binding is open to everyone."
          : "A resource without any binding is closed."
        : "A resource without any binding is taken to be closed (Kafka's default; the brokers' setting is not readable)."}
    </p>
  );
}
