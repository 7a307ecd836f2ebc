import { layoutGraph } from "@/lib/designs/auto-layout";
import type { Topology } from "@/lib/designs/design-schema";
import type { LayoutGraph, Positions } from "@/lib/designs/layered-layout";

// Runs the auto layout in a module worker (layout-worker.ts) so that a big design's layout never blocks the
// page: one worker per tab, started on first use and kept, answering one request at a time in order. Node
// heights are measured here (a topic's contract lists fields), so the worker loads dagre and nothing else.

export type { Positions };
export type LayoutRequest = { id: number; graph: LayoutGraph };
export type LayoutResponse = { id: number; ok: true; positions: Positions } | { id: number; ok: false; message: string };
/** Lays a topology out and resolves with each node's top-left position. */
export type LayoutEngine = (topology: Topology) => Promise<Positions>;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

function start(): Worker {
  // The `new URL(…, import.meta.url)` form is what the bundler (Turbopack) recognises and builds as a worker.
  const w = new Worker(new URL("./layout-worker.ts", import.meta.url), { type: "module", name: "topiary-layout" });
  w.onmessage = (e: MessageEvent<LayoutResponse>) => {
    const r = e.data;
    const p = waiting.get(r.id);
    waiting.delete(r.id);
    if (!p) return;
    if (r.ok) p.resolve(r.positions);
    else p.reject(new Error(r.message));
  };
  w.onerror = (e) => {
    // A worker that failed to load or crashed answers nothing more: fail what waits, start afresh next time.
    for (const p of waiting.values()) p.reject(new Error(e.message || "The layout worker failed"));
    waiting.clear();
    w.terminate();
    if (worker === w) worker = null;
  };
  return w;
}

export const layoutInWorker: LayoutEngine = (topology) =>
  new Promise((resolve, reject) => {
    worker ??= start();
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, graph: layoutGraph(topology) } satisfies LayoutRequest);
  });
