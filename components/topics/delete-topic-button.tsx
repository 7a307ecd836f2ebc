"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { errorMessage } from "@/components/ui/fetch-json";
import { useDeleteTopicMutation } from "./topic-queries";

/** Deletes a topic and all its messages, after its name is typed back. Then back to the cluster. */
export function DeleteTopicButton({ clusterId, topic }: { clusterId: string; topic: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const remove = useDeleteTopicMutation();
  const router = useRouter();

  async function confirm() {
    try {
      await remove.mutateAsync({ clusterId, topic, confirmName: typed });
      dialog.current?.close();
      router.push(`/clusters/${clusterId}`);
    } catch {
      // Shown in the dialog.
    }
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
        Delete topic
      </button>
      <dialog ref={dialog} aria-label={`Delete topic ${topic}`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h3>Delete topic “{topic}”?</h3>
          <p>The topic and every message in it are deleted from the cluster. This cannot be undone.</p>
          <label>
            <span>
              Type <strong>{topic}</strong> to confirm
            </span>
            <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Topic name to confirm" spellCheck={false} autoComplete="off" />
          </label>
          {remove.isError && (
            <p className="error" role="alert">
              {errorMessage(remove.error)}
            </p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={typed !== topic || remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
