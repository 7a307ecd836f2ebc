"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteTopicMutation } from "./topic-queries";

/** Deletes a topic and all its messages, after its name is typed back. Then back to the cluster. */
export function DeleteTopicButton({ clusterId, topic }: { clusterId: string; topic: string }) {
  const remove = useDeleteTopicMutation();
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger="Delete topic"
      label={`Delete topic ${topic}`}
      title={<>Delete topic “{topic}”?</>}
      confirmName={topic}
      nameLabel="Topic name to confirm"
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      onConfirm={(typed) => remove.mutateAsync({ clusterId, topic, confirmName: typed })}
      onDone={() => router.push(`/clusters/${clusterId}`)}
    >
      <p>The topic and every message in it are deleted from the cluster. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
