"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { MAX_DESIGN_NAME } from "@/lib/designs/design-names";
import { errorMessage } from "@/components/ui/fetch-json";
import { DialogActions } from "@/components/ui/form-actions";

export interface NameRequest {
  /** The dialog's heading and accessible name, e.g. "New design". */
  title: string;
  /** What the name is for, or why another is asked for. */
  note?: ReactNode;
  /** The name offered in the field (selected, so typing replaces it). */
  initial: string;
  confirmLabel: string;
  /**
   * Does it with the name typed. Resolves to null when done (the dialog closes), or to a message to show with
   * a new name to offer (the server refused this one); a rejection's message is shown as it is.
   */
  onConfirm: (name: string) => Promise<null | { message: string; suggestion?: string }>;
}

/**
 * A modal that asks for a design's name: when one is created, renamed from the list, or imported under a name
 * that is already taken. Open while `request` is set; `onClose` clears it.
 */
export function NameDialog({ request, onClose }: { request: NameRequest | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) el.showModal();
    if (!request && el.open) el.close();
  }, [request]);
  return (
    <dialog ref={dialog} aria-label={request?.title} onClose={onClose} data-testid="name-dialog">
      {/* Keyed by the request, so each opening starts from its own offer. */}
      {request && <NameForm key={`${request.title}:${request.initial}`} request={request} close={() => dialog.current?.close()} />}
    </dialog>
  );
}

function NameForm({ request, close }: { request: NameRequest; close: () => void }) {
  const [name, setName] = useState(request.initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const trimmed = name.trim();

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const refused = await request.onConfirm(trimmed);
      if (!refused) return close();
      setError(refused.message);
      if (refused.suggestion) setName(refused.suggestion);
      input.current?.focus();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h3>{request.title}</h3>
      {request.note && <div className="muted small">{request.note}</div>}
      <label>
        Design name
        <input ref={input} value={name} onChange={(e) => setName(e.target.value)} maxLength={MAX_DESIGN_NAME} autoFocus spellCheck={false} autoComplete="off" placeholder="e.g. Order flow" />
      </label>
      <DialogActions error={error} onCancel={close}>
        <button type="submit" disabled={pending || !trimmed}>
          {request.confirmLabel}
        </button>
      </DialogActions>
    </form>
  );
}
