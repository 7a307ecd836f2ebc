"use client";
import { useState } from "react";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { useSaveGroupAllowedLagMutation } from "./group-queries";

/**
 * The lag this group may keep and still be OK (Burrow's allowed lag): its own, or its cluster's. For a consumer
 * whose lag never reaches 0 by design (transaction markers, a batch that commits every N messages).
 */
export function GroupAllowedLag({ clusterId, groupId, allowedLag, mayEdit }: { clusterId: string; groupId: string; allowedLag: { cluster: number; group: number | null }; mayEdit: boolean }) {
  const [value, setValue] = useState(allowedLag.group === null ? "" : String(allowedLag.group));
  const save = useSaveGroupAllowedLagMutation(clusterId);
  const effective = allowedLag.group ?? allowedLag.cluster;
  const invalid = value.trim() !== "" && !/^\d+$/.test(value.trim());
  const own = allowedLag.group !== null;

  return (
    <section className="card" aria-label="Allowed lag">
      <h3>Allowed lag</h3>
      <p className="small muted" data-testid="allowed-lag">
        Lag at or below <strong>{effective.toLocaleString()}</strong> counts as none when this group is judged (
        {own ? `its own setting; the cluster's is ${allowedLag.cluster.toLocaleString()}` : "the cluster's setting"}).
      </p>
      {mayEdit && (
        <form
          className="actions wrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) save.mutate({ clusterId, groupId, allowedLag: value.trim() === "" ? null : Number(value.trim()) });
          }}
        >
          <label>
            This group's allowed lag{" "}
            <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" size={10} placeholder={`cluster's (${allowedLag.cluster})`} aria-label="Allowed lag for this group" />
          </label>
          <button type="submit" className="secondary" disabled={invalid || save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          {own && (
            <button type="button" className="secondary" disabled={save.isPending} onClick={() => (setValue(""), save.mutate({ clusterId, groupId, allowedLag: null }))}>
              Use the cluster's
            </button>
          )}
        </form>
      )}
      <FieldError className="small">{invalid ? "A whole number of messages, or blank for the cluster's" : save.isError ? errorMessage(save.error) : null}</FieldError>
      {save.isSuccess && !save.isPending && (
        <p className="small ok" role="status">
          Saved: the statuses are judged again with it.
        </p>
      )}
    </section>
  );
}
