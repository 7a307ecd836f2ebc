"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ClusterOptions } from "@/components/clusters/cluster-options";
import { useClustersQuery } from "@/components/clusters/cluster-queries";
import { FormError } from "@/components/ui/field-error";
import { importFromClusterAction } from "@/server/actions/plan-actions";

/** A new design describing a live cluster's topics and consumer groups. */
export function ImportFromCluster() {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const clusters = useClustersQuery();
  const [clusterId, setClusterId] = useState("");
  const [name, setName] = useState("");
  const [prefix, setPrefix] = useState("");
  const [regex, setRegex] = useState("");
  const [includeGroups, setIncludeGroups] = useState(true);
  const [includeConnectors, setIncludeConnectors] = useState(true);
  const [includePrincipals, setIncludePrincipals] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selected = clusterId || clusters.data?.[0]?.id || "";

  async function submit() {
    setBusy(true);
    setError(null);
    const cluster = clusters.data?.find((c) => c.id === selected);
    const r = await importFromClusterAction({ clusterId: selected, name: name || `${cluster?.name ?? "cluster"} as it is`, prefix, regex, includeGroups, includePrincipals, includeConnectors });
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
              <ClusterOptions clusters={clusters.data} />
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
          <label className="check-inline" title="A principal that may write the imported topics becomes a producer; one that may read a group and its topics, that group's principal">
            <input type="checkbox" checked={includePrincipals} onChange={(e) => setIncludePrincipals(e.target.checked)} /> Include principals from the ACLs
          </label>
          <label className="check-inline" title="Connectors of the cluster's Kafka Connect clusters that touch the imported topics; their secrets become ${secret:…} references to set before applying">
            <input type="checkbox" checked={includeConnectors} onChange={(e) => setIncludeConnectors(e.target.checked)} /> Include Kafka Connect connectors
          </label>
          <FormError>{error}</FormError>
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
