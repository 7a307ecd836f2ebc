import type { ReactNode } from "react";
import { FormError } from "./field-error";

/**
 * A form's row of buttons: submit (its pending text while the form is sent), any others given as children, then
 * Cancel. The submit button is disabled while pending unless `disabled` says otherwise.
 */
export function FormActions({
  label,
  pending,
  pendingLabel = "Saving…",
  disabled = pending,
  onCancel,
  children,
}: {
  label: string;
  pending: boolean;
  pendingLabel?: string;
  disabled?: boolean;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" disabled={disabled}>
        {pending ? pendingLabel : label}
      </button>
      {children}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A settings form's "Test" button: tries the settings as typed without saving them. */
export function TestButton({ onTest, testing }: { onTest: () => Promise<void>; testing: boolean }) {
  return (
    <button type="button" className="secondary" onClick={() => void onTest()} disabled={testing}>
      {testing ? "Testing…" : "Test"}
    </button>
  );
}

/** A dialog's foot: what went wrong, then Cancel and the confirming button (given as children). */
export function DialogActions({ error, onCancel, children }: { error: ReactNode; onCancel: () => void; children: ReactNode }) {
  return (
    <>
      <FormError>{error}</FormError>
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        {children}
      </div>
    </>
  );
}
