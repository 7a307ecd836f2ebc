"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { nextFreeName } from "@/lib/designs/design-names";
import type { DesignSummary } from "@/lib/designs/design-views";
import { unwrap } from "@/lib/errors/action-result";
import { useCan } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  createDesignAction,
  deleteDesignAction,
  duplicateDesignAction,
  renameDesignAction,
} from "@/server/actions/design-actions";
import { DesignImport } from "./design-import";
import { designKeys, useDesignsQuery } from "./design-queries";
import { ImportFromCluster } from "./import-from-cluster";
import { NameDialog, type NameRequest } from "./name-dialog";

function DeleteDesign({ design, onDone }: { design: DesignSummary; onDone: () => void }) {
  return (
    <ConfirmDialog
      trigger="Delete"
      label={`Delete design ${design.name}`}
      title={<>Delete design “{design.name}”?</>}
      confirmName={design.name}
      nameLabel="Design name to confirm"
      confirmLabel="Delete"
      onConfirm={async (typed) => unwrap(await deleteDesignAction({ id: design.id, confirmName: typed }))}
      onDone={onDone}
    >
      <p>
        Its {design.version} revision{design.version === 1 ? "" : "s"} of history go with it. Nothing in Kafka is changed.
      </p>
    </ConfirmDialog>
  );
}

export function DesignsList({ initial }: { initial: DesignSummary[] }) {
  const router = useRouter();
  const qc = useQueryClient();
  const { data: designs = [] } = useDesignsQuery(initial);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<NameRequest | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: designKeys.list() });
  // Editor on some cluster. The summaries do not carry the bound cluster, so a row's buttons can still show
  // for a design bound where the role is lower; the server refuses those.
  const mayWrite = useCan("designs:write", null);

  /** A new design is named first: blank, or from the example (offered under a name not yet taken). */
  function create(kind: "blank" | "example") {
    setError(null);
    setAsking({
      title: kind === "example" ? "New design from the example" : "New design",
      note: kind === "example" ? "A small shop flow to start from: producers, topics and consumer groups." : "You can rename it later in the designer.",
      initial: kind === "example" ? nextFreeName("Example shop flow", designs.map((d) => d.name)) : "",
      confirmLabel: "Create",
      onConfirm: async (name) => {
        setBusy(true);
        const r = await createDesignAction({ name, from: { kind } }).finally(() => setBusy(false));
        if (!r.ok) return { message: r.error.fieldErrors?.name ?? r.error.message };
        router.push(`/designs/${r.data.id}`);
        return null;
      },
    });
  }

  function rename(d: DesignSummary) {
    setError(null);
    setAsking({
      title: `Rename design ${d.name}`,
      initial: d.name,
      confirmLabel: "Rename",
      onConfirm: async (name) => {
        if (name === d.name) return null;
        const r = await renameDesignAction({ id: d.id, name });
        if (!r.ok) return { message: r.error.fieldErrors?.name ?? r.error.message };
        void refresh();
        return null;
      },
    });
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
            <button type="button" onClick={() => create("blank")} disabled={busy}>
              New design
            </button>
            <button type="button" className="secondary" onClick={() => create("example")} disabled={busy}>
              New from example
            </button>
            <DesignImport busy={busy} onBusy={setBusy} onError={setError} onNotice={setNotice} onAskName={setAsking} />
            <ImportFromCluster />
          </div>
        )}
      </div>
      {mayWrite && (
        <p className="muted small">
          Import takes a Topiary design file (JSON) or an AsyncAPI 3.1, 3.0 or 2.6 document (YAML or JSON); a document split over files comes as a folder, several files or
          a .zip, and its references are read from those files only.
        </p>
      )}
      {error && (
        <p className="banner error" role="alert" data-testid="designs-error">
          {error}
        </p>
      )}
      {notice && <p className="banner">{notice}</p>}
      <NameDialog request={asking} onClose={() => setAsking(null)} />
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
                        <button type="button" className="secondary small" onClick={() => rename(d)} aria-label={`Rename ${d.name}`}>
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
