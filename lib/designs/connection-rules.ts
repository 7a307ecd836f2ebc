import type { NodeKind } from "./design-schema";

// Which edges make sense: producer or processor → topic ("produces to"); topic → consumer group or processor
// ("consumed by"). Everything else is refused while dragging, with the reason.

export type EdgeKind = "produces" | "consumes";

const WRITERS: readonly NodeKind[] = ["producer", "processor", "sourceConnector"];
const READERS: readonly NodeKind[] = ["consumerGroup", "processor", "sinkConnector"];

export function edgeKind(source: NodeKind, target: NodeKind): EdgeKind | null {
  if (WRITERS.includes(source) && target === "topic") return "produces";
  if (source === "topic" && READERS.includes(target)) return "consumes";
  return null;
}

/** Null when source → target is a meaningful edge, else the reason it is not. */
export function connectionError(source: NodeKind, target: NodeKind): string | null {
  if (edgeKind(source, target)) return null;
  if (source === "topic" && target === "topic") return "A topic cannot feed another topic directly: put a processor between them";
  if (source === "topic" && target === "producer") return "A producer only writes: a topic cannot flow into it";
  if (source === "consumerGroup") return "A consumer group only reads: it cannot produce to anything";
  if (source === "sinkConnector") return "A sink connector only reads topics: it writes out of Kafka, not to a topic";
  if (target === "sourceConnector") return "A source connector only writes: nothing in Kafka flows into it";
  if (target === "producer") return "Nothing flows into a producer: it only writes to topics";
  if (WRITERS.includes(source) && target !== "topic") {
    return `A ${source === "producer" ? "producer" : source === "processor" ? "processor" : "source connector"} writes to topics: connect it to a topic`;
  }
  return "Connect producers and processors to topics, and topics to consumer groups and processors";
}

/** Full check for a new edge in a design: kinds, self-loops and duplicates. */
export function newEdgeError(
  source: { id: string; kind: NodeKind } | undefined,
  target: { id: string; kind: NodeKind } | undefined,
  existing: readonly { source: string; target: string }[],
): string | null {
  if (!source || !target) return "Connect two nodes";
  if (source.id === target.id) return "A node cannot connect to itself";
  const kindError = connectionError(source.kind, target.kind);
  if (kindError) return kindError;
  if (existing.some((e) => e.source === source.id && e.target === target.id)) return "These two nodes are already connected";
  return null;
}
