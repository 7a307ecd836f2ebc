"use client";
import { useRef, useState } from "react";
import { MAX_DESIGN_NAME } from "@/lib/designs/design-names";
import { renameDesignAction } from "@/server/actions/design-actions";
import { useDesigner, useDesignerStore } from "./designer-store";

/**
 * The design's name in the toolbar; an editor renames it in place: click (or Enter) to edit, Enter or leaving
 * the field saves, Escape puts the old name back. The server's refusal is shown beside it.
 */
export function DesignTitle({ readOnly }: { readOnly: boolean }) {
  const store = useDesignerStore();
  const name = useDesigner((s) => s.name);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const cancelled = useRef(false);
  // Enter saves and the field then loses focus: one rename, not two.
  const inFlight = useRef(false);

  if (readOnly) return <strong className="design-name" data-testid="design-name">{name}</strong>;

  async function commit(value: string) {
    const next = value.trim();
    if (inFlight.current) return;
    if (!next || next === name) return setDraft(null);
    inFlight.current = true;
    setPending(true);
    const r = await renameDesignAction({ id: store.getState().designId, name: next }).finally(() => {
      inFlight.current = false;
      setPending(false);
    });
    if (!r.ok) return setError(r.error.fieldErrors?.name ?? r.error.message);
    store.getState().setName(r.data.name);
    setError(null);
    setDraft(null);
  }

  if (draft === null) {
    return (
      <button type="button" className="design-name editable" onClick={() => (setDraft(name), setError(null))} title="Rename the design" aria-label={`Design name ${name}, rename`} data-testid="design-name">
        {name}
      </button>
    );
  }
  return (
    <span className="design-name-edit">
      <input
        autoFocus
        aria-label="Design name"
        value={draft}
        maxLength={MAX_DESIGN_NAME}
        disabled={pending}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={(e) => e.target.select()}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void commit(draft);
          } else if (e.key === "Escape") {
            cancelled.current = true;
            setDraft(null);
            setError(null);
          }
        }}
        onBlur={() => {
          if (cancelled.current) cancelled.current = false;
          else void commit(draft);
        }}
        spellCheck={false}
        size={Math.min(40, Math.max(12, draft.length + 2))}
      />
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
