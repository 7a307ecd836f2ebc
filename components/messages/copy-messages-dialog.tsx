"use client";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { unwrap } from "@/lib/errors/action-result";
import { COPY_MAX_MESSAGES, type CopyMessagesInput } from "@/lib/messages/copy-schema";
import { copyMessagesAction } from "@/server/actions/message-actions";
import { errorMessage } from "@/components/ui/fetch-json";
import { FormError } from "@/components/ui/field-error";

/**
 * "Copy to topic": the chosen messages (key, value and headers as they are) into a topic — the same one to replay
 * them, or another. The target is typed; the server checks it exists.
 */
export function CopyMessagesButton({ clusterId, topic, refs, onDone }: { clusterId: string; topic: string; refs: { partition: number; offset: string }[]; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState(topic);
  const [keepPartition, setKeepPartition] = useState(true);
  const copy = useMutation({ mutationFn: async (input: CopyMessagesInput) => unwrap(await copyMessagesAction(input)) });
  const tooMany = refs.length > COPY_MAX_MESSAGES;
  return (
    <>
      <button
        type="button"
        className="secondary small"
        disabled={!refs.length}
        onClick={() => {
          copy.reset();
          dialog.current?.showModal();
        }}
      >
        Copy {refs.length || ""} to topic…
      </button>
      <dialog ref={dialog} aria-label="Copy messages to a topic">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            copy.mutate({ clusterId, topic, refs, target: target.trim(), keepPartition }, { onSuccess: onDone });
          }}
        >
          <h3>
            Copy {refs.length.toLocaleString("en-US")} message{refs.length === 1 ? "" : "s"}
          </h3>
          <p className="muted small">Key, value and headers are copied as they are, in the order shown; each gets a new offset and timestamp in the target.</p>
          <label>
            Target topic
            <input value={target} onChange={(e) => (setTarget(e.target.value), copy.reset())} autoComplete="off" spellCheck={false} required />
          </label>
          <label className="check-inline">
            <input type="checkbox" checked={keepPartition} onChange={(e) => setKeepPartition(e.target.checked)} /> the same partition numbers (else the key decides)
          </label>
          {target.trim() === topic && <p className="muted small">Into the same topic: its consumers will read these messages again.</p>}
          <FormError>{tooMany ? `At most ${COPY_MAX_MESSAGES.toLocaleString("en-US")} messages at once` : copy.isError && errorMessage(copy.error)}</FormError>
          {copy.data && (
            <p className="ok" role="status">
              Copied {copy.data.copied} to {copy.data.target}
              {copy.data.missing ? ` (${copy.data.missing} no longer there)` : ""}.
            </p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              {copy.data ? "Close" : "Cancel"}
            </button>
            {!copy.data && (
              <button type="submit" disabled={!target.trim() || tooMany || copy.isPending}>
                {copy.isPending ? "Copying…" : "Copy"}
              </button>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}
