"use client";
import { QUOTA_KEY_LABELS, formatQuotaValue } from "@/lib/acls/client-quotas";
import { DESIGN_QUOTA_KEYS, QUOTA_SUBJECT_LABELS } from "@/lib/designs/design-identities";
import type { FlowNode } from "./design-flow";

// An application's identity as a viewer reads it (node-details.tsx): text, not disabled inputs.

export function IdentityDetails({ node }: { node: FlowNode }) {
  if (node.type !== "producer" && node.type !== "consumerGroup" && node.type !== "processor") return null;
  const a = node.data.access;
  if (!a || (!a.principal.trim() && !a.quota)) return null;
  const produces = node.type !== "consumerGroup";
  const how = produces ? (a.transactional ? `transactional (id ${a.usePrefixes ? "prefix " : ""}${a.transactionalId || "—"})` : a.idempotent ? "idempotent" : "not idempotent") : null;
  const limits = a.quota ? DESIGN_QUOTA_KEYS.filter((k) => a.quota![k] !== null).map((k) => `${QUOTA_KEY_LABELS[k].label} ${formatQuotaValue(k, a.quota![k]!)}`) : [];
  return (
    <>
      <h3>Identity and access</h3>
      <dl data-testid="identity-details">
        <div className="detail-row">
          <dt>Principal</dt>
          <dd className="mono">{a.principal || <span className="muted">—</span>}</dd>
        </div>
        {how && (
          <div className="detail-row">
            <dt>Produces</dt>
            <dd>{how}</dd>
          </div>
        )}
        {a.usePrefixes && (
          <div className="detail-row">
            <dt>Prefix bindings</dt>
            <dd className="mono">{a.topicPrefix ? `topics starting with ${a.topicPrefix}` : "transactional id only"}</dd>
          </div>
        )}
        {a.quota && (
          <div className="detail-row">
            <dt>Quota</dt>
            <dd>
              {QUOTA_SUBJECT_LABELS[a.quota.subject]}: {limits.join(", ") || "no limit"}
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}
