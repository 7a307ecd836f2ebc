"use client";
import { useState } from "react";
import { ACL_OPERATIONS, ACL_PERMISSIONS, RESOURCE_TYPE_LABELS, RESOURCE_TYPES } from "@/lib/acls/acl-model";
import { NAME_MATCHES, type AclFilterInput, type NameMatch } from "@/lib/acls/match-bindings";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { Options } from "@/components/ui/options";
import { AclBindingForm } from "./acl-binding-form";
import { AclBindingTable } from "./acl-binding-table";
import { useAclBindingsQuery } from "./acl-queries";
import { AuthorizerNote } from "./authorizer-note";
import { DeleteBindingButton } from "./delete-binding-button";
import styles from "./acls.module.css";

const NAME_MATCH_LABELS: Record<NameMatch, string> = {
  MATCH: "applies to that name (literal, * or a prefix of it)",
  ANY: "is exactly that name (literal or prefix)",
  LITERAL: "is that literal name",
  PREFIXED: "is that prefix",
};

/** Every binding on the cluster, filtered on the server; add and delete (with a preview) for those who may. */
export function AclBindingsBrowser({ clusterId, readOnly }: { clusterId: string; readOnly: boolean }) {
  const [filter, setFilter] = useState<AclFilterInput>({ nameMatch: "MATCH" });
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, error, isPending, isFetching } = useAclBindingsQuery(clusterId, filter);
  const mayWrite = useCan("acls:write", clusterId) && !readOnly;
  const set = (patch: Partial<AclFilterInput>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <>
      {mayWrite && data?.enabled !== false && (
        <div className="actions">
          {!adding && (
            <button type="button" onClick={() => (setAdding(true), setNotice(null))}>
              Add bindings
            </button>
          )}
        </div>
      )}
      {notice && (
        <p className="ok" role="status" data-testid="acl-notice">
          {notice}
        </p>
      )}
      {adding && (
        <AclBindingForm
          clusterId={clusterId}
          onDone={(created) => {
            setAdding(false);
            if (created > 0) setNotice(`Created ${created} binding${created === 1 ? "" : "s"}.`);
          }}
        />
      )}

      <form className={styles.filters} aria-label="Filter bindings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Principal contains
          <input value={filter.principalContains ?? ""} onChange={(e) => set({ principalContains: e.target.value })} spellCheck={false} />
        </label>
        <label>
          Resource type
          <select value={filter.resourceType ?? "ANY"} onChange={(e) => set({ resourceType: e.target.value as AclFilterInput["resourceType"] })}>
            <option value="ANY">any</option>
            <Options values={RESOURCE_TYPES} labels={RESOURCE_TYPE_LABELS} />
          </select>
        </label>
        <label>
          Resource name
          <input value={filter.resourceName ?? ""} onChange={(e) => set({ resourceName: e.target.value })} spellCheck={false} />
        </label>
        <label>
          Binding
          <select value={filter.nameMatch ?? "MATCH"} onChange={(e) => set({ nameMatch: e.target.value as NameMatch })}>
            <Options values={NAME_MATCHES} labels={NAME_MATCH_LABELS} />
          </select>
        </label>
        <label>
          Operation
          <select value={filter.operation ?? "ANY"} onChange={(e) => set({ operation: e.target.value as AclFilterInput["operation"] })}>
            <option value="ANY">any</option>
            <Options values={ACL_OPERATIONS} />
          </select>
        </label>
        <label>
          Permission
          <select value={filter.permission ?? "ANY"} onChange={(e) => set({ permission: e.target.value as AclFilterInput["permission"] })}>
            <option value="ANY">any</option>
            <Options values={ACL_PERMISSIONS} />
          </select>
        </label>
      </form>

      {error && (
        <div className="banner error" role="alert">
          {errorMessage(error)}
        </div>
      )}
      {isPending && !error && <p className="muted">Reading the bindings…</p>}
      {data && (
        <>
          <AuthorizerNote enabled={data.enabled} authorizer={data.authorizer} />
          {data.enabled && (
            <p className="muted small" aria-live="polite" data-testid="acl-count">
              {isFetching ? "Reading…" : `${data.bindings.length} of ${data.total} binding${data.total === 1 ? "" : "s"}`}
              {data.unreadable > 0 && ` · ${data.unreadable} with codes this console does not know are left out`}
            </p>
          )}
          {data.enabled && data.bindings.length > 0 && (
            <AclBindingTable clusterId={clusterId} bindings={data.bindings} label="ACL bindings" actions={mayWrite ? (b) => <DeleteBindingButton clusterId={clusterId} binding={b} /> : undefined} />
          )}
        </>
      )}
    </>
  );
}
