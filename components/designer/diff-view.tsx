import type { TopologyDiff } from "@/lib/designs/diff-topologies";
import { isEmptyDiff } from "@/lib/designs/diff-topologies";

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v || '""' : JSON.stringify(v));

/** What changed between two revisions: nodes and connections added and removed, and each changed key. */
export function DiffView({ diff }: { diff: TopologyDiff }) {
  if (isEmptyDiff(diff)) return <p className="muted small">No differences.</p>;
  return (
    <div className="diff" data-testid="revision-diff">
      {diff.nodesAdded.map((n) => (
        <p key={`a-${n.id}`} className="diff-add">+ {n.label}</p>
      ))}
      {diff.nodesRemoved.map((n) => (
        <p key={`r-${n.id}`} className="diff-remove">− {n.label}</p>
      ))}
      {diff.nodesChanged.map((n) => (
        <div key={`c-${n.id}`}>
          <p className="diff-change">~ {n.label}</p>
          <table className="table diff-table">
            <tbody>
              {n.changes.map((c) => (
                <tr key={c.key}>
                  <td>
                    <code>{c.key}</code>
                  </td>
                  <td className="diff-remove">{show(c.before)}</td>
                  <td>→</td>
                  <td className="diff-add">{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {diff.edgesAdded.map((e) => (
        <p key={`ea-${e.id}`} className="diff-add">
          + {e.from} → {e.to}
        </p>
      ))}
      {diff.edgesRemoved.map((e) => (
        <p key={`er-${e.id}`} className="diff-remove">
          − {e.from} → {e.to}
        </p>
      ))}
      {diff.settings?.map((c) => (
        <p key={`s-${c.key}`} className="diff-change">
          ~ design setting <code>{c.key}</code>: {show(c.before)} → {show(c.after)}
        </p>
      ))}
    </div>
  );
}
