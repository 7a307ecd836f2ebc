"use client";
import { useRef, useState, type ReactNode } from "react";
import { errorMessage } from "./fetch-json";
import { DialogActions } from "./form-actions";

export interface ConfirmDialogProps {
  /** Text of the (danger) button that opens the dialog. */
  trigger: string;
  /** The opening button's accessible name when its text alone is not enough (e.g. "remove" in a list). */
  triggerLabel?: string;
  /** The opening button's look: a small danger button unless said otherwise. */
  triggerClassName?: string;
  /** The dialog's accessible name, e.g. "Delete topic orders". */
  label: string;
  /** The question, e.g. Delete topic “orders”? */
  title: ReactNode;
  /** What happens, in a sentence or two. */
  children: ReactNode;
  /** When given, confirming waits until this name is typed back. */
  confirmName?: string;
  /** Accessible name of the box the name is typed into, e.g. "Topic name to confirm". */
  nameLabel?: string;
  /** Text of the confirming button. */
  confirmLabel: string;
  /** Its text while `onConfirm` runs; `confirmLabel` when not given. */
  pendingLabel?: string;
  /** Does it, given the typed name. The dialog closes when this resolves and shows the error when it rejects. */
  onConfirm: (typedName: string) => Promise<unknown>;
  /** After the dialog has closed on success, e.g. to leave a page whose subject is gone. */
  onDone?: () => void;
}

/**
 * A button that opens a modal asking to confirm something that cannot be undone, optionally by typing a name
 * back. Its content exists only while it is open, so each opening starts empty.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={props.triggerClassName ?? "danger small"}
        aria-label={props.triggerLabel}
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {props.trigger}
      </button>
      <dialog ref={dialog} aria-label={props.label} onClose={() => setOpen(false)}>
        {open && <ConfirmForm {...props} close={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

function ConfirmForm({ title, children, confirmName, nameLabel, confirmLabel, pendingLabel, onConfirm, onDone, close }: ConfirmDialogProps & { close: () => void }) {
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm(typed);
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
      return;
    }
    setPending(false);
    close();
    onDone?.();
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h3>{title}</h3>
      {children}
      {confirmName !== undefined && (
        <label>
          <span>
            Type <strong>{confirmName}</strong> to confirm
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={nameLabel} spellCheck={false} autoComplete="off" autoFocus />
        </label>
      )}
      <DialogActions error={error} onCancel={close}>
        <button type="submit" className="danger" disabled={pending || (confirmName !== undefined && typed !== confirmName)}>
          {pending && pendingLabel ? pendingLabel : confirmLabel}
        </button>
      </DialogActions>
    </form>
  );
}
