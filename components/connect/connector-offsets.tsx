"use client";
import type { ConnectorDetail } from "@/lib/connect/connect-types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

const json = (v: unknown) => JSON.stringify(v);

/**
 * A connector's offsets (Kafka 3.5+): a source's partitions and positions in its system, a sink's topic partitions
 * and next offsets. Resetting them is offered only while the connector is STOPPED, which Connect requires.
 */
export function ConnectorOffsets({ data, mayReset, onReset }: { data: ConnectorDetail; mayReset: boolean; onReset: () => Promise<unknown> }) {
  const o = data.offsets;
  return (
    <section aria-label="Offsets">
      <div className="panel-head">
        <h2>Offsets</h2>
        {mayReset && o.ok && o.entries.length > 0 && data.state === "STOPPED" && (
          <ConfirmDialog
            trigger="Reset offsets"
            label={`Reset the offsets of ${data.name}`}
            title={<>Reset the offsets of “{data.name}”?</>}
            confirmName={data.name}
            nameLabel="Connector name to confirm"
            confirmLabel="Reset offsets"
            pendingLabel="Resetting…"
            onConfirm={onReset}
          >
            <p>
              {data.type === "sink"
                ? "Its consumer group's committed offsets are deleted: when resumed it reads from where its consumer's auto.offset.reset says."
                : "Its source offsets are deleted: when resumed it starts over, as a new connector would."}
            </p>
          </ConfirmDialog>
        )}
      </div>
      {!o.ok ? (
        <p className="muted small">Offsets are not available: {o.error}</p>
      ) : o.entries.length ? (
        <table className="table compact" aria-label="Connector offsets">
          <thead>
            <tr>
              <th>{data.type === "sink" ? "Topic partition" : "Source partition"}</th>
              <th>Offset</th>
            </tr>
          </thead>
          <tbody>
            {o.entries.map((e, i) => (
              <tr key={i} data-testid="offset-row">
                <td>
                  <code className="small">
                    {data.type === "sink" && typeof e.partition.kafka_topic === "string" ? `${e.partition.kafka_topic}-${String(e.partition.kafka_partition)}` : json(e.partition)}
                  </code>
                </td>
                <td>
                  <code className="small">{e.offset === null ? "—" : data.type === "sink" && "kafka_offset" in e.offset ? String(e.offset.kafka_offset) : json(e.offset)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small" data-testid="no-offsets">
          No offsets committed{data.state === "STOPPED" ? "" : " yet"}.
        </p>
      )}
      {mayReset && o.ok && o.entries.length > 0 && data.state !== "STOPPED" && <p className="hint">Stop the connector to reset its offsets.</p>}
    </section>
  );
}
