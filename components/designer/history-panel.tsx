"use client";
import { useState } from "react";
import { errorMessage } from "@/components/ui/fetch-json";
import { restoreRevisionAction } from "@/server/actions/design-actions";
import { DiffView } from "./diff-view";
import { fetchDesign, useCompareQuery, useRevisionsQuery } from "./design-queries";
import { useDesigner, useDesignerStore } from "./designer-store";

/** Revision history: each revision, what it changed, how it differs from now, and restore (unless read-only). */
export function HistoryPanel({ onClose, readOnly }: { onClose: () => void; readOnly: boolean }) {
  const store = useDesignerStore();
  const designId = useDesigner((s) => s.designId);
  const version = useDesigner((s) => s.version);
  const revisions = useRevisionsQuery(designId, version);
  const [selected, setSelected] = useState<number | null>(null);
  const [mode, setMode] = useState<"own" | "current">("own");
  const [error, setError] = useState<string | null>(null);
  const from = selected === null ? null : mode === "own" ? selected - 1 : selected;
  const to = selected === null ? null : mode === "own" ? selected : version;
  const compare = useCompareQuery(designId, from && from >= 1 ? from : null, to);

  async function restore(number: number) {
    setError(null);
    const r = await restoreRevisionAction({ id: designId, number, baseVersion: store.getState().version });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    store.getState().replaceWith(await fetchDesign(designId));
    setSelected(null);
  }

  return (
    <aside className="panel history" aria-label="History">
      <div className="panel-head">
        <h2>History</h2>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {revisions.error && <p className="error">{errorMessage(revisions.error)}</p>}
      <ol className="revisions">
        {revisions.data?.map((r) => (
          <li key={r.number} className={selected === r.number ? "active" : ""}>
            <button type="button" className="link" onClick={() => setSelected(r.number)} data-testid={`revision-${r.number}`}>
              <strong>#{r.number}</strong> {r.summary}
            </button>
            <div className="muted small">
              {new Date(r.createdAt).toLocaleString()} · {r.createdBy}
              {r.number === version && " · current"}
            </div>
          </li>
        ))}
      </ol>
      {selected !== null && (
        <div className="revision-detail">
          <div className="actions">
            <button type="button" className={mode === "own" ? "small" : "secondary small"} onClick={() => setMode("own")} disabled={selected === 1}>
              Changes in #{selected}
            </button>
            <button type="button" className={mode === "current" ? "small" : "secondary small"} onClick={() => setMode("current")} disabled={selected === version}>
              #{selected} → current
            </button>
            {selected !== version && !readOnly && (
              <button type="button" className="small" onClick={() => void restore(selected)}>
                Restore #{selected}
              </button>
            )}
          </div>
          {error && <p className="error">{error}</p>}
          {selected === 1 && mode === "own" ? <p className="muted small">The first revision.</p> : compare.data ? <DiffView diff={compare.data.diff} /> : compare.isFetching ? <p className="muted small">Comparing…</p> : null}
        </div>
      )}
    </aside>
  );
}
