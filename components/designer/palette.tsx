"use client";
import { NODE_KINDS, NODE_KIND_LABELS, type NodeKind } from "@/lib/designs/design-schema";

export const PALETTE_MIME = "application/x-topiary-node";

const HELP: Record<NodeKind, string> = {
  producer: "An application that writes to topics",
  topic: "A Kafka topic with its partitions and configs",
  consumerGroup: "Consumers sharing a group id",
  processor: "Reads some topics and writes others",
  sourceConnector: "A Kafka Connect source: brings data from outside into topics",
  sinkConnector: "A Kafka Connect sink: takes topics' data out of Kafka",
};

/** Drag a kind onto the canvas, or press Enter on it to add one in the middle of the view. */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav className="palette" aria-label="Palette">
      {NODE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`palette-item dnode-${kind}`}
          draggable
          title={`${HELP[kind]}. Drag onto the canvas, or click to add.`}
          data-testid={`palette-${kind}`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, kind);
            e.dataTransfer.effectAllowed = "move";
          }}
          onClick={() => onAdd(kind)}
        >
          {NODE_KIND_LABELS[kind]}
        </button>
      ))}
    </nav>
  );
}
