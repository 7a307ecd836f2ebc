import { edgeKind } from "./connection-rules";
import type { DesignEdge, DesignNode, NodeKind, Topology } from "./design-schema";

/** The kinds generated designs use (no connectors: they need a Connect cluster to mean anything). */
type GenKind = Exclude<NodeKind, "sourceConnector" | "sinkConnector">;

// Big, realistic-looking designs for benchmarks and load tests. Deterministic: the same options give the same
// topology, so a benchmark's two pages (and two runs) draw exactly the same graph.

export interface GenerateOptions {
  nodes: number;
  edges: number;
  seed?: number;
  /** Shares of each kind; processors take what is left. */
  mix?: { producer: number; topic: number; consumerGroup: number };
}

const DEFAULT_MIX = { producer: 0.25, topic: 0.4, consumerGroup: 0.25 };
const DOMAINS = ["shop", "billing", "shipping", "crm", "inventory", "search", "identity", "analytics", "support", "pricing"];
const ENTITIES = ["orders", "payments", "customers", "parcels", "invoices", "stock", "sessions", "clicks", "tickets", "quotes", "refunds", "reviews"];
const PARTITIONS = [1, 3, 6, 12];
const WEEK = String(7 * 24 * 3600 * 1000);

/** mulberry32: small, fast, and the same sequence on every platform. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function counts(total: number, mix: GenerateOptions["mix"] = DEFAULT_MIX): Record<GenKind, number> {
  const producer = Math.round(total * mix.producer);
  const topic = Math.round(total * mix.topic);
  const consumerGroup = Math.min(Math.round(total * mix.consumerGroup), total - producer - topic);
  return { producer, topic, consumerGroup, processor: Math.max(0, total - producer - topic - consumerGroup) };
}

function makeNode(kind: GenKind, i: number, pick: <T>(xs: readonly T[]) => T): DesignNode {
  const n = String(i + 1).padStart(4, "0");
  const domain = DOMAINS[i % DOMAINS.length];
  const entity = pick(ENTITIES);
  switch (kind) {
    case "producer":
      return {
        id: `producer-${n}`,
        kind,
        data: { appName: `${domain}-${entity}-writer-${n}`, clientId: `${domain}-${entity}-${n}`, description: `Publishes ${entity} events.`, examplePayload: "", rate: pick([1, 5, 20, 50, 200]) },
      };
    case "topic":
      return {
        id: `topic-${n}`,
        kind,
        data: {
          name: `${domain}.${entity}.${n}.v1`,
          partitions: pick(PARTITIONS),
          replicationFactor: 1,
          configs: { ...pick<Record<string, string>>([{}, { "retention.ms": WEEK }, { "cleanup.policy": "compact" }]) },
          description: `${entity} of the ${domain} domain.`,
          deleteOnApply: false,
        },
      };
    case "consumerGroup":
      return { id: `group-${n}`, kind, data: { groupId: `${domain}-${entity}-reader-${n}`, appName: `${domain}-${entity}-reader`, description: `Reads ${entity}.` } };
    case "processor":
      return { id: `processor-${n}`, kind, data: { appName: `${domain}-${entity}-enricher-${n}`, clientId: `${domain}-enricher-${n}`, groupId: `${domain}-enricher-${n}`, description: `Enriches ${entity}.` } };
  }
}

/**
 * A valid topology with `nodes` nodes (about 25% producers, 40% topics, 25% consumer groups, 10% processors)
 * and exactly `edges` distinct edges that follow the connection rules. Every node gets an edge first where the
 * count allows (so the design has no "writes to no topic" warnings); the rest are random. Processors read
 * topics earlier in the topic order than those they write, so the flow has no cycles and lays out in layers.
 */
export function generateTopology(opts: GenerateOptions): Topology {
  const rnd = random(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const c = counts(opts.nodes, opts.mix);

  const byKind: Record<GenKind, DesignNode[]> = { producer: [], topic: [], consumerGroup: [], processor: [] };
  for (const kind of ["producer", "topic", "consumerGroup", "processor"] as const) {
    for (let i = 0; i < c[kind]; i++) byKind[kind].push(makeNode(kind, i, pick));
  }
  const topics = byKind.topic;
  const T = topics.length;
  // A processor reads topics [0, cut) and writes topics [cut, T).
  const cut = new Map(byKind.processor.map((p) => [p.id, T < 2 ? 0 : 1 + Math.floor(rnd() * (T - 1))]));

  const capacity = (byKind.producer.length + byKind.consumerGroup.length + byKind.processor.length) * T;
  if (opts.edges > capacity) throw new Error(`${opts.edges} edges do not fit ${opts.nodes} nodes (at most ${capacity} valid edges)`);

  const edges: DesignEdge[] = [];
  const seen = new Set<string>();
  const hasIn = new Set<string>();
  const hasOut = new Set<string>();
  const add = (source: DesignNode, target: DesignNode) => {
    const key = `${source.id}>${target.id}`;
    if (edges.length >= opts.edges || seen.has(key) || !edgeKind(source.kind, target.kind)) return;
    seen.add(key);
    hasOut.add(source.id);
    hasIn.add(target.id);
    edges.push({ id: `e-${String(edges.length + 1).padStart(5, "0")}`, source: source.id, target: target.id });
  };
  const topicIn = (lo: number, hi: number) => topics[lo + Math.floor(rnd() * (hi - lo))];

  if (T > 0) {
    // Coverage: every writer writes, every reader reads, every topic has a writer and a reader.
    for (const p of byKind.producer) add(p, topicIn(0, T));
    for (const p of byKind.processor) {
      const k = cut.get(p.id)!;
      if (k > 0) add(topicIn(0, k), p);
      if (k < T) add(p, topicIn(k, T));
    }
    for (const g of byKind.consumerGroup) add(topicIn(0, T), g);
    topics.forEach((t, i) => {
      const writers = byKind.processor.filter((p) => cut.get(p.id)! <= i);
      const readers = byKind.processor.filter((p) => cut.get(p.id)! > i);
      if (!hasIn.has(t.id) && (byKind.producer.length || writers.length)) add(pick(byKind.producer.length ? byKind.producer : writers), t);
      if (!hasOut.has(t.id) && (byKind.consumerGroup.length || readers.length)) add(t, pick(byKind.consumerGroup.length ? byKind.consumerGroup : readers));
    });

    // The rest at random.
    const all = [...byKind.producer, ...byKind.processor, ...byKind.consumerGroup];
    for (let tries = 0; edges.length < opts.edges && tries < opts.edges * 1000; tries++) {
      const n = pick(all);
      if (n.kind === "producer") add(n, topicIn(0, T));
      else if (n.kind === "consumerGroup") add(topicIn(0, T), n);
      else {
        const k = cut.get(n.id)!;
        if (k > 0 && (k === T || rnd() < 0.5)) add(topicIn(0, k), n);
        else add(n, topicIn(k, T));
      }
    }
  }
  if (edges.length < opts.edges) throw new Error(`Could only place ${edges.length} of ${opts.edges} edges`);

  return { nodes: [...byKind.producer, ...byKind.topic, ...byKind.consumerGroup, ...byKind.processor], edges };
}
