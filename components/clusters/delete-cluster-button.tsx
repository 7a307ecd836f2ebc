"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { errorMessage } from "@/components/ui/fetch-json";
import { useDeleteClusterMutation } from "./cluster-queries";

/** Removes a cluster from Topiary (never touches Kafka) after its name is typed back. */
export function DeleteClusterButton({ cluster, redirectTo }: { cluster: ClusterView; redirectTo?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const remove = useDeleteClusterMutation();
  const router = useRouter();

  async function confirm() {
    await remove.mutateAsync({ id: cluster.id, confirmName: typed });
    dialog.current?.close();
    if (redirectTo) router.push(redirectTo);
    router.refresh();
  }

  return (
    <>
      <button
        type="button"
        className="danger small"
        onClick={() => {
          setTyped("");
          remove.reset();
          dialog.current?.showModal();
        }}
      >
        Remove
      </button>
      <dialog ref={dialog} aria-label={`Remove cluster ${cluster.name}`}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm().catch(() => {});
          }}
        >
          <h3>Remove cluster “{cluster.name}”?</h3>
          <p>Topiary forgets its connection settings. Nothing in Kafka is changed.</p>
          <label>
            Type <strong>{cluster.name}</strong> to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Cluster name to confirm" />
          </label>
          {remove.isError && <p className="error">{errorMessage(remove.error)}</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={typed !== cluster.name || remove.isPending}>
              Remove
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
