"use client";
import { useRouter } from "next/navigation";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteClusterMutation } from "./cluster-queries";

/** Removes a cluster from Topiary (never touches Kafka) after its name is typed back. */
export function DeleteClusterButton({ cluster, redirectTo, small = true }: { cluster: ClusterView; redirectTo?: string; small?: boolean }) {
  const remove = useDeleteClusterMutation();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Remove"
      triggerClassName={small ? "danger small" : "danger"}
      label={`Remove cluster ${cluster.name}`}
      title={<>Remove cluster “{cluster.name}”?</>}
      confirmName={cluster.name}
      nameLabel="Cluster name to confirm"
      confirmLabel="Remove"
      onConfirm={(typed) => remove.mutateAsync({ id: cluster.id, confirmName: typed })}
      onDone={() => {
        if (redirectTo) router.push(redirectTo);
        router.refresh();
      }}
    >
      <p>Topiary forgets its connection settings. Nothing in Kafka is changed.</p>
    </ConfirmDialog>
  );
}
