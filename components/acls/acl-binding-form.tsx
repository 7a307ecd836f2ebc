"use client";
import { useMemo, useState } from "react";
import {
  ACL_PERMISSIONS,
  OPERATIONS_BY_RESOURCE,
  PATTERN_TYPES,
  RESOURCE_TYPE_LABELS,
  RESOURCE_TYPES,
  type AclBinding,
  type AclOperation,
  type AclPermission,
  type PatternType,
  type ResourceType,
} from "@/lib/acls/acl-model";
import type { AclChangePreview } from "@/lib/acls/preview-change";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { Options } from "@/components/ui/options";
import { AclChangeReview } from "./acl-change-review";
import { bindingsOfDraft, draftProblems, EMPTY_DRAFT, type BindingDraft, type DraftMode } from "./binding-draft";
import { useApplyAclChangeMutation, usePreviewAclChangeMutation } from "./acl-queries";
import styles from "./acls.module.css";

/** Build bindings, preview what they change, then create them. */
export function AclBindingForm({ clusterId, initial, onDone }: { clusterId: string; initial?: Partial<BindingDraft>; onDone: (created: number) => void }) {
  const [draft, setDraft] = useState<BindingDraft>({ ...EMPTY_DRAFT, ...initial });
  const [shown, setShown] = useState<{ preview: AclChangePreview; bindings: AclBinding[] } | null>(null);
  const [tried, setTried] = useState(false);
  const preview = usePreviewAclChangeMutation();
  const apply = useApplyAclChangeMutation();
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const set = (patch: Partial<BindingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setShown(null);
  };
  const ops = OPERATIONS_BY_RESOURCE[draft.resourceType];
  const err = (field: string) => (tried ? problems[field] : undefined);

  return (
    <form
      className="form card"
      aria-label="Add ACL bindings"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(problems).length) return;
        const bindings = bindingsOfDraft(draft);
        preview.mutate({ clusterId, add: bindings, remove: [] }, { onSuccess: (p) => setShown({ preview: p, bindings }) });
      }}
    >
      <h2>Add bindings</h2>
      <label>
        Principal
        <input value={draft.principal} onChange={(e) => set({ principal: e.target.value })} spellCheck={false} autoComplete="off" />
        <FieldError field="principal">{err("principal")}</FieldError>
      </label>
      <p className="hint">User:name for a SCRAM or PLAIN user; User:* for everyone.</p>
      <label>
        What for
        <select value={draft.mode} onChange={(e) => set({ mode: e.target.value as DraftMode, resourceType: "TOPIC" })}>
          <option value="operations">Chosen operations on a resource</option>
          <option value="producer">A producer on a topic (WRITE, DESCRIBE, IDEMPOTENT_WRITE)</option>
          <option value="consumer">A consumer group on a topic (READ, DESCRIBE, READ on the group)</option>
        </select>
      </label>
      {draft.mode === "operations" && (
        <>
          <label>
            Permission
            <select value={draft.permission} onChange={(e) => set({ permission: e.target.value as AclPermission })}>
              <Options values={ACL_PERMISSIONS} labels={(p) => (p === "DENY" ? "DENY (wins over every ALLOW)" : "ALLOW")} />
            </select>
          </label>
          <label>
            Resource type
            <select value={draft.resourceType} onChange={(e) => set({ resourceType: e.target.value as ResourceType, operations: [] })}>
              <Options values={RESOURCE_TYPES} labels={RESOURCE_TYPE_LABELS} />
            </select>
          </label>
        </>
      )}
      {draft.resourceType !== "CLUSTER" && (
        <>
          <label>
            {draft.mode === "operations" ? "Resource name" : "Topic"}
            <input value={draft.resourceName} onChange={(e) => set({ resourceName: e.target.value })} spellCheck={false} autoComplete="off" placeholder="a name, a prefix, or * for every name" />
            <FieldError field="resourceName">{err("resourceName")}</FieldError>
          </label>
          <label>
            Name is
            <select value={draft.patternType} onChange={(e) => set({ patternType: e.target.value as PatternType })}>
              <Options values={PATTERN_TYPES} labels={(p) => (p === "LITERAL" ? "the name itself (LITERAL; * is every name)" : "a prefix (PREFIXED)")} />
            </select>
          </label>
        </>
      )}
      {draft.mode === "consumer" && (
        <label>
          Consumer group
          <input value={draft.group} onChange={(e) => set({ group: e.target.value })} spellCheck={false} autoComplete="off" />
          <FieldError field="group">{err("group")}</FieldError>
        </label>
      )}
      {draft.mode === "producer" && (
        <>
          <label>
            Transactional id (only for a transactional producer)
            <input value={draft.transactionalId} onChange={(e) => set({ transactionalId: e.target.value })} spellCheck={false} autoComplete="off" />
          </label>
          {!draft.transactionalId.trim() && (
            <label className="check">
              <input type="checkbox" checked={draft.idempotent} onChange={(e) => set({ idempotent: e.target.checked })} /> Idempotent (IDEMPOTENT_WRITE on the cluster)
            </label>
          )}
        </>
      )}
      {draft.mode === "operations" && (
        <>
          <fieldset className={styles.operations}>
            <legend>Operations</legend>
            {(["ALL", ...ops] as AclOperation[]).map((op) => (
              <label key={op}>
                <input
                  type="checkbox"
                  checked={draft.operations.includes(op)}
                  onChange={(e) => set({ operations: e.target.checked ? [...draft.operations, op] : draft.operations.filter((o) => o !== op) })}
                />
                {op}
              </label>
            ))}
          </fieldset>
          <FieldError field="operations">{err("operations") ?? err("operation")}</FieldError>
          <label>
            Host
            <input value={draft.host} onChange={(e) => set({ host: e.target.value })} spellCheck={false} autoComplete="off" />
          </label>
          <p className="hint">* for clients on any host, or one client address.</p>
        </>
      )}
      <FormError>{preview.error ? errorMessage(preview.error) : null}</FormError>
      <div className="actions">
        <button type="submit" disabled={preview.isPending}>
          {preview.isPending ? "Working out what changes…" : "Preview"}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(0)}>
          Cancel
        </button>
      </div>
      {shown && (
        <>
          <AclChangeReview preview={shown.preview} />
          <FormError>{apply.error ? errorMessage(apply.error) : null}</FormError>
          <div className="actions">
            <button
              type="button"
              disabled={shown.preview.nothingToDo || apply.isPending}
              onClick={() =>
                apply.mutate(
                  { clusterId, add: shown.bindings, remove: [], basis: shown.preview.basis },
                  { onSuccess: (r) => onDone(r.created.length) },
                )
              }
            >
              {apply.isPending ? "Creating…" : `Create ${shown.preview.toCreate.length} binding${shown.preview.toCreate.length === 1 ? "" : "s"}`}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
