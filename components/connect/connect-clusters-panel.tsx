"use client";
import { useState } from "react";
import type { ConnectClusterStatus } from "@/lib/connect/connect-types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { ConnectClusterForm } from "./connect-cluster-form";
import { useConnectClustersQuery, useDeleteConnectClusterMutation } from "./connect-queries";

/** The connectors page's list of Connect clusters; an admin adds, edits and removes them here. */
export function ConnectClustersPanel({ clusterId, mayManage }: { clusterId: string; mayManage: boolean }) {
  const { data, error, isPending } = useConnectClustersQuery(clusterId);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const remove = useDeleteConnectClusterMutation();

  return (
    <section aria-label="Connect clusters">
      <div className="panel-head">
        <h2>Connect clusters</h2>
        {mayManage && editing === null && (
          <button type="button" className="secondary small" onClick={() => setEditing("new")}>
            Add Connect cluster
          </button>
        )}
      </div>
      {error && <p className="error" role="alert">{errorMessage(error)}</p>}
      {isPending && <p className="muted">Asking the Connect clusters…</p>}
      {editing === "new" && <ConnectClusterForm clusterId={clusterId} onDone={() => setEditing(null)} />}
      {data && !data.length && editing === null && (
        <p className="muted" data-testid="no-connect-clusters">
          This cluster has no Kafka Connect cluster yet.{mayManage ? " Add one with its REST URL." : " An admin can add one."}
        </p>
      )}
      {data?.map((c) =>
        editing === c.id ? (
          <ConnectClusterForm key={c.id} clusterId={clusterId} existing={c} onDone={() => setEditing(null)} />
        ) : (
          <ConnectClusterRow
            key={c.id}
            c={c}
            mayManage={mayManage}
            onEdit={() => setEditing(c.id)}
            onRemove={(confirmName) => remove.mutateAsync({ clusterId, connectId: c.id, confirmName })}
          />
        ),
      )}
    </section>
  );
}

function ConnectClusterRow({ c, mayManage, onEdit, onRemove }: { c: ConnectClusterStatus; mayManage: boolean; onEdit: () => void; onRemove: (name: string) => Promise<unknown> }) {
  return (
    <div className="card" data-testid={`connect-cluster-${c.name}`}>
      <div className="panel-head">
        <div>
          <strong>{c.name}</strong> <code className="small">{c.url}</code>
          {c.username && <span className="badge">basic auth: {c.username}</span>}
          {c.otherKafkaCluster && (
            <span className="badge warn" title="Its workers report another Kafka cluster id than this cluster's">
              another Kafka cluster
            </span>
          )}
        </div>
        {mayManage && (
          <div className="row-actions">
            <button type="button" className="secondary small" onClick={onEdit}>
              Edit
            </button>
            <ConfirmDialog
              trigger="Remove"
              triggerLabel={`Remove Connect cluster ${c.name}`}
              label={`Remove Connect cluster ${c.name}`}
              title={<>Remove Connect cluster “{c.name}” from Topiary?</>}
              confirmName={c.name}
              nameLabel="Connect cluster name to confirm"
              confirmLabel="Remove"
              onConfirm={onRemove}
            >
              <p>Only Topiary forgets it: its workers and connectors keep running.</p>
            </ConfirmDialog>
          </div>
        )}
      </div>
      {c.info ? (
        <p className="small muted" data-testid="connect-info">
          Kafka Connect {c.info.version} · commit <code>{c.info.commit}</code> · {c.info.plugins.length} connector plugins:{" "}
          {c.info.plugins.map((p) => p.className.slice(p.className.lastIndexOf(".") + 1)).join(", ")}
        </p>
      ) : (
        <p className="error small" role="alert">
          {c.error}
        </p>
      )}
    </div>
  );
}
