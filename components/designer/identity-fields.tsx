"use client";
import { useMemo } from "react";
import { describeBinding } from "@/lib/acls/acl-model";
import { QUOTA_KEY_LABELS } from "@/lib/acls/client-quotas";
import { nodeBindings } from "@/lib/acls/design-bindings";
import { defaultAccess, DESIGN_QUOTA_KEYS, QUOTA_SUBJECT_LABELS, QUOTA_SUBJECTS, type ApplicationAccess, type DesignQuota } from "@/lib/designs/design-identities";
import { toTopology, type FlowNode } from "./design-flow";
import { useDesigner, useDesignerStore } from "./designer-store";
import { FieldProblems } from "./field-problems";
import "./identity.css";

// An application's identity in the properties panel (issue 13, items 4 and 6): its principal, how it produces,
// prefix bindings, an optional client quota, and the bindings apply derives from them and its edges.

type AppNode = Extract<FlowNode, { type: "producer" | "consumerGroup" | "processor" }>;

const isApp = (n: FlowNode): n is AppNode => n.type === "producer" || n.type === "consumerGroup" || n.type === "processor";

const NO_QUOTA: DesignQuota = { subject: "user", producer_byte_rate: null, consumer_byte_rate: null, request_percentage: null };

function QuotaFields({ node, quota, set }: { node: AppNode; quota: DesignQuota; set: (q: DesignQuota) => void }) {
  const subjects = node.type === "consumerGroup" ? (["user"] as const) : QUOTA_SUBJECTS;
  return (
    <>
      <label>
        Quota for
        <select value={quota.subject} onChange={(e) => set({ ...quota, subject: e.target.value as DesignQuota["subject"] })}>
          {subjects.map((s) => (
            <option key={s} value={s}>
              {QUOTA_SUBJECT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <FieldProblems nodeId={node.id} field="access.quota.subject" nested />
      {DESIGN_QUOTA_KEYS.map((k) => (
        <label key={k}>
          {QUOTA_KEY_LABELS[k].label} ({QUOTA_KEY_LABELS[k].unit})
          <input
            type="number"
            min={0}
            value={quota[k] ?? ""}
            placeholder="no limit"
            onChange={(e) => set({ ...quota, [k]: e.target.value === "" ? null : Number(e.target.value) })}
            data-testid={`identity-quota-${k}`}
          />
        </label>
      ))}
      <FieldProblems nodeId={node.id} field="access.quota" nested />
    </>
  );
}

/** The bindings apply creates for this node, from its identity and edges. */
function BindingsPreview({ node }: { node: AppNode }) {
  const store = useDesignerStore();
  // Edges change when the node is wired; the node object when its data does (not while it is dragged).
  const edges = useDesigner((s) => s.edges);
  const lines = useMemo(() => nodeBindings(toTopology(store.getState().nodes, edges), node.id).map(describeBinding), [store, edges, node]);
  if (!node.data.access?.principal.trim()) return <p className="muted small">Give it a principal to derive its ACL bindings.</p>;
  if (!lines.length) return <p className="muted small">No bindings: connect it to topics.</p>;
  return (
    <details className="small" data-testid="identity-bindings">
      <summary>
        {lines.length} binding{lines.length === 1 ? "" : "s"} on apply
      </summary>
      <ul className="identity-bindings">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

export function IdentityFields({ node }: { node: FlowNode }) {
  const update = useDesigner((s) => s.updateNodeData);
  if (!isApp(node)) return null;
  const access: ApplicationAccess = node.data.access ?? defaultAccess();
  const set = (patch: Partial<ApplicationAccess>) => update(node.id, { access: { ...access, ...patch } });
  const produces = node.type !== "consumerGroup";
  return (
    <fieldset data-testid="identity-fields">
      <legend>Identity and access</legend>
      <label>
        Principal
        <input value={access.principal} placeholder="User:orders-svc" onChange={(e) => set({ principal: e.target.value })} spellCheck={false} />
      </label>
      <FieldProblems nodeId={node.id} field="access.principal" nested />
      {produces && (
        <>
          <label className="check">
            <input type="checkbox" checked={access.idempotent} onChange={(e) => set({ idempotent: e.target.checked })} />
            Idempotent
          </label>
          <FieldProblems nodeId={node.id} field="access.idempotent" nested />
          <label className="check">
            <input type="checkbox" checked={access.transactional} onChange={(e) => set({ transactional: e.target.checked })} />
            Transactional
          </label>
          {access.transactional && (
            <label>
              Transactional id{access.usePrefixes ? " (prefix)" : ""}
              <input value={access.transactionalId} onChange={(e) => set({ transactionalId: e.target.value })} spellCheck={false} />
            </label>
          )}
          <FieldProblems nodeId={node.id} field="access.transactionalId" nested />
        </>
      )}
      <label className="check">
        <input type="checkbox" checked={access.usePrefixes} onChange={(e) => set({ usePrefixes: e.target.checked })} />
        Use prefix bindings
      </label>
      {access.usePrefixes && (
        <label>
          Topic prefix
          <input value={access.topicPrefix} placeholder="e.g. shop." onChange={(e) => set({ topicPrefix: e.target.value })} spellCheck={false} />
        </label>
      )}
      <FieldProblems nodeId={node.id} field="access.topicPrefix" nested />
      <label className="check">
        <input type="checkbox" checked={access.quota !== null} onChange={(e) => set({ quota: e.target.checked ? NO_QUOTA : null })} />
        Client quota
      </label>
      {access.quota && <QuotaFields node={node} quota={access.quota} set={(quota) => set({ quota })} />}
      <BindingsPreview node={node} />
    </fieldset>
  );
}
