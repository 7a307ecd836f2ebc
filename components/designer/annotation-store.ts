"use client";
import { createContext, useContext } from "react";
import { createStore, useStore } from "zustand";
import type { Problem } from "@/lib/designs/validate-design";
import type { DesignLive, NodeLive } from "@/lib/groups/design-live";
import type { NodeDrift } from "@/lib/plan/drift";

// Problems, drift and live lag live in a store of their own: a drag updates the designer store every frame, and
// the 1,000 node components that read them must not be asked about it each time (nor about a drag when live
// lag arrives).
export interface Annotations {
  problemsByNode: Map<string, Problem[]>;
  /** How the bound cluster differs from each node (null when unbound or not read yet). */
  drift: Record<string, NodeDrift> | null;
  setProblems: (problems: Problem[]) => void;
  setDrift: (drift: Record<string, NodeDrift> | null) => void;
  /** Live lag, rates and throughput from the bound cluster; null when unbound, not read yet, or unavailable. */
  live: DesignLive | null;
  /** Why live figures are unavailable (e.g. the cluster cannot be reached); null otherwise. */
  liveError: string | null;
  setLive: (live: DesignLive | null, error: string | null) => void;
}

function sameProblems(a: Problem[] | undefined, b: Problem[]): boolean {
  return !!a && a.length === b.length && a.every((p, i) => p.message === b[i].message && p.severity === b[i].severity);
}

function sameLive(a: NodeLive | undefined, b: NodeLive): boolean {
  return !!a && (Object.keys(b) as (keyof NodeLive)[]).every((k) => a[k] === b[k]);
}

export function createAnnotationStore() {
  return createStore<Annotations>()((set, get) => ({
    problemsByNode: new Map(),
    drift: null,
    setProblems: (problems) => {
      const fresh = new Map<string, Problem[]>();
      for (const p of problems) if (p.nodeId) fresh.set(p.nodeId, [...(fresh.get(p.nodeId) ?? []), p]);
      const old = get().problemsByNode;
      // Keep the old array where nothing changed, so only the affected nodes re-render.
      const merged = new Map<string, Problem[]>();
      for (const [id, list] of fresh) {
        const before = old.get(id);
        merged.set(id, before && sameProblems(before, list) ? before : list);
      }
      set({ problemsByNode: merged });
    },
    setDrift: (drift) => set({ drift }),
    live: null,
    liveError: null,
    setLive: (live, liveError) => {
      const old = get().live?.nodes ?? {};
      // Every poll parses fresh objects: keep the old one where a node's figures did not change, so only
      // the nodes whose lag or rate moved re-render.
      const nodes = live && Object.fromEntries(Object.entries(live.nodes).map(([id, n]) => [id, sameLive(old[id], n) ? old[id] : n]));
      set({ live: live && nodes ? { ...live, nodes } : null, liveError });
    },
  }));
}

export type AnnotationStore = ReturnType<typeof createAnnotationStore>;
export const AnnotationStoreContext = createContext<AnnotationStore | null>(null);

export function useAnnotationStore(): AnnotationStore {
  const store = useContext(AnnotationStoreContext);
  if (!store) throw new Error("useAnnotationStore outside a designer");
  return store;
}

export function useAnnotations<T>(selector: (s: Annotations) => T): T {
  return useStore(useAnnotationStore(), selector);
}
