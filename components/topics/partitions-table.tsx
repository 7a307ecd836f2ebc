"use client";
import type { TopicPartitionView } from "@/lib/topics/topic-detail";

const ids = (list: number[]) => (list.length ? list.join(", ") : "—");
const offset = (n: number | null) => (n === null ? <span className="muted">—</span> : n.toLocaleString("en-US"));

export function PartitionsTable({ partitions }: { partitions: TopicPartitionView[] }) {
  return (
    <table className="table compact" aria-label="Partitions">
      <thead>
        <tr>
          <th>Partition</th>
          <th>Leader</th>
          <th>Replicas</th>
          <th>In-sync replicas</th>
          <th>Offline replicas</th>
          <th className="num">Start offset</th>
          <th className="num">End offset</th>
          <th className="num">Messages</th>
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => (
          <tr key={p.partition} data-testid={`partition-${p.partition}`}>
            <td>{p.partition}</td>
            <td>{p.leader ?? <span className="badge warn">no leader</span>}</td>
            <td>{ids(p.replicas)}</td>
            <td className={p.underReplicated ? "error" : ""}>
              {ids(p.isr)}
              {p.underReplicated && <span className="badge warn">under-replicated</span>}
            </td>
            <td className={p.offlineReplicas.length ? "error" : "muted"}>{ids(p.offlineReplicas)}</td>
            <td className="num">{offset(p.low)}</td>
            <td className="num">{offset(p.high)}</td>
            <td className="num">{p.low !== null && p.high !== null ? (p.high - p.low).toLocaleString("en-US") : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
