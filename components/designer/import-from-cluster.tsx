"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { fetchJson } from "@/components/ui/fetch-json";
import { importFromClusterAction } from "@/server/actions/plan-actions";

/** A new design describing a live cluster's topics and consumer groups. */
export function ImportFromCluster() {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const clusters = useQuery({ queryKey: ["clusters", "list"], queryFn: ({ signal }) => fetchJson<ClusterView[]>("/api/clusters", signal) });
  const [clusterId, setClusterId] = useState("");
  const [name, setName] = useState("");
  const [prefix, setPrefix] = useState("");
  const [regex, setRegex] = useState("");
  const [includeGroups, setIncludeGroups] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selected = clusterId || clusters.data?.[0]?.id || "";

  async function submit() {
    setBusy(true);
    setError(null);
    const cluster = clusters.data?.find((c) => c.id === selected);
    const r = await importFromClusterAction({ clusterId: selected, name: name || `${cluster?.name ?? "cluster"} as it is`, prefix, regex, includeGroups });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    dialog.current?.close();
    router.push(`/designs/${r.data.id}`);
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => dialog.current?.showModal()}>
        Import from cluster
      </button>
      <dialog ref={dialog} aria-label="Import from cluster">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h3>New design from a live cluster</h3>
          <p className="muted small">Topics (internal ones excluded) with their settings, and the consumer groups that read them.</p>
          <label>
            Cluster
            <select value={selected} onChange={(e) => setClusterId(e.target.value)}>
              {clusters.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Design name
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="(cluster) as it is" />
          </label>
          <label>
            Topic name prefix
            <input value={prefix} onChange={(e) => setPrefix(e.target.value)} placeholder="e.g. shop." spellCheck={false} />
          </label>
          <label>
            Topic name regex
            <input value={regex} onChange={(e) => setRegex(e.target.value)} placeholder="e.g. ^shop\.(orders|payments)" spellCheck={false} />
          </label>
          <label className="check-inline">
            <input type="checkbox" checked={includeGroups} onChange={(e) => setIncludeGroups(e.target.checked)} /> Include consumer groups
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" disabled={busy || !selected}>
              {busy ? "Reading the cluster…" : "Import"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
