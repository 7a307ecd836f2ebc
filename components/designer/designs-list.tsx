"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { DesignSummary } from "@/lib/designs/design-views";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import {
  createDesignAction,
  deleteDesignAction,
  duplicateDesignAction,
  importDesignFileAction,
  renameDesignAction,
} from "@/server/actions/design-actions";
import { designKeys, useDesignsQuery } from "./design-queries";
import { ImportFromCluster } from "./import-from-cluster";

function DeleteDesign({ design, onDone }: { design: DesignSummary; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="danger small" onClick={() => (setTyped(""), setError(null), dialog.current?.showModal())}>
        Delete
      </button>
      <dialog ref={dialog} aria-label={`Delete design ${design.name}`}>
        <form
          method="dialog"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await deleteDesignAction({ id: design.id, confirmName: typed });
            if (!r.ok) return setError(r.error.message);
            dialog.current?.close();
            onDone();
          }}
        >
          <h3>Delete design “{design.name}”?</h3>
          <p>Its {design.version} revision{design.version === 1 ? "" : "s"} of history go with it. Nothing in Kafka is changed.</p>
          <label>
            Type <strong>{design.name}</strong> to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Design name to confirm" />
          </label>
          {error && <p className="error">{error}</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={typed !== design.name}>
              Delete
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

export function DesignsList({ initial }: { initial: DesignSummary[] }) {
  const router = useRouter();
  const qc = useQueryClient();
  const { data: designs = [] } = useDesignsQuery(initial);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: designKeys.list() });
  // Editor on some cluster. The summaries do not carry the bound cluster, so a row's buttons can still show
  // for a design bound where the role is lower; the server refuses those.
  const mayWrite = useCan("designs:write", null);

  async function create(kind: "blank" | "example") {
    setBusy(true);
    setError(null);
    const r = await createDesignAction({ name: kind === "example" ? "Example shop flow" : "Untitled design", from: { kind } });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    router.push(`/designs/${r.data.id}`);
  }

  async function importFile(file: File) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const text = await file.text();
    const r = await importDesignFileAction({ fileName: file.name, text });
    setBusy(false);
    if (fileInput.current) fileInput.current.value = "";
    if (!r.ok) return setError(`${file.name}: ${r.error.message}`);
    if (r.data.warnings.length) setNotice(`Imported with ${r.data.warnings.length} warning(s): ${r.data.warnings.slice(0, 3).join("; ")}`);
    router.push(`/designs/${r.data.design.id}`);
  }

  async function rename(d: DesignSummary) {
    const name = window.prompt("New name", d.name);
    if (!name || name === d.name) return;
    const r = await renameDesignAction({ id: d.id, name });
    if (!r.ok) return setError(r.error.message);
    void refresh();
  }

  async function duplicate(d: DesignSummary) {
    const r = await duplicateDesignAction({ id: d.id });
    if (!r.ok) return setError(r.error.message);
    void refresh();
  }

  return (
    <>
      <div className="page-head">
        <h1>Designs</h1>
        {mayWrite && (
          <div className="actions">
            <button type="button" onClick={() => void create("blank")} disabled={busy}>
              New design
            </button>
            <button type="button" className="secondary" onClick={() => void create("example")} disabled={busy}>
              New from example
            </button>
            <button type="button" className="secondary" onClick={() => fileInput.current?.click()} disabled={busy}>
              Import file
            </button>
            <ImportFromCluster />
            <input
              ref={fileInput}
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml"
              hidden
              data-testid="import-file"
              onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
            />
          </div>
        )}
      </div>
      {mayWrite && <p className="muted small">Import takes a Topiary design file (JSON) or an AsyncAPI 3.0 or 2.6 document (YAML or JSON).</p>}
      {error && (
        <p className="banner error" role="alert" data-testid="designs-error">
          {error}
        </p>
      )}
      {notice && <p className="banner">{notice}</p>}
      <div className="card">
        {designs.length === 0 ? (
          <p className="muted">No designs yet.{mayWrite && " Start a new one, or from the example."}</p>
        ) : (
          <table className="table" aria-label="Designs">
            <thead>
              <tr>
                <th>Name</th>
                <th>Nodes</th>
                <th>Topics</th>
                <th>Cluster</th>
                <th>Revision</th>
                <th>Updated</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {designs.map((d) => (
                <tr key={d.id} data-testid={`design-row-${d.name}`}>
                  <td>
                    <Link href={`/designs/${d.id}`}>{d.name}</Link>
                  </td>
                  <td>{d.nodeCount}</td>
                  <td>{d.topicCount}</td>
                  <td>{d.clusterName ?? <span className="muted">—</span>}</td>
                  <td>#{d.version}</td>
                  <td>{new Date(d.updatedAt).toLocaleString()}</td>
                  <td className="row-actions">
                    {mayWrite && (
                      <>
                        <button type="button" className="secondary small" onClick={() => void rename(d)}>
                          Rename
                        </button>
                        <button type="button" className="secondary small" onClick={() => void duplicate(d)}>
                          Duplicate
                        </button>
                        <DeleteDesign design={d} onDone={() => void refresh()} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
