import { notFound } from "next/navigation";
import { benchPagesEnabled } from "@/server/config";
import { BareFlow } from "@/components/bench/bare-flow";
import { autoLayout } from "@/lib/designs/auto-layout";
import type { Topology } from "@/lib/designs/design-schema";
import { generateTopology } from "@/lib/designs/generate-design";

export const dynamic = "force-dynamic";

// The bare React Flow page that `npm run bench:canvas` compares the designer with. It exists only when the
// server runs with TOPIARY_BENCH=1 (the benchmark's own server); everywhere else it is a 404.

type Generated = { topology: Topology; positions: Record<string, { x: number; y: number }> };
// dagre takes seconds on a big graph: lay each generated design out once per server process.
const cache = new Map<string, Generated>();

function int(v: string | string[] | undefined, fallback: number, max: number): number {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : fallback;
}

export default async function BareFlowPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!benchPagesEnabled()) notFound();
  const q = await searchParams;
  const opts = { nodes: int(q.nodes, 1000, 5000), edges: int(q.edges, 1200, 10_000), seed: int(q.seed, 1, 2 ** 31) };
  const key = `${opts.nodes}/${opts.edges}/${opts.seed}`;
  let design = cache.get(key);
  if (!design) {
    const topology = generateTopology(opts);
    design = { topology, positions: autoLayout(topology) };
    cache.set(key, design);
  }
  // The canvas size of the designer being compared with (the script measures it), else the whole window.
  const size = { width: int(q.w, 0, 10_000) || null, height: int(q.h, 0, 10_000) || null };
  return <BareFlow topology={design.topology} positions={design.positions} size={size} />;
}
