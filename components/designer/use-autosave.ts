"use client";
import { useCallback, useEffect, useRef } from "react";
import { saveLayoutAction, saveTopologyAction } from "@/server/actions/design-actions";
import { toLayout, toTopology } from "./design-flow";
import type { DesignerStore } from "./designer-store";

const TOPOLOGY_DEBOUNCE_MS = 800;
const LAYOUT_DEBOUNCE_MS = 1500;

/**
 * Saves the topology (as a new revision, naming the version it started from) and the layout (no revision)
 * a moment after the last edit. A stale tab gets CONFLICT and stops saving until it reloads. Off (enabled
 * false) when the design is open read-only.
 */
export function useAutosave(store: DesignerStore, enabled = true) {
  const saveTopologyRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    if (!enabled) return;
    let topologyTimer: ReturnType<typeof setTimeout> | undefined;
    let layoutTimer: ReturnType<typeof setTimeout> | undefined;
    let saving = false;
    let again = false;

    async function saveTopology() {
      if (saving) {
        again = true;
        return;
      }
      const s = store.getState();
      if (s.save.state === "conflict") return;
      const rev = s.topologyRev;
      saving = true;
      s.setSave({ state: "saving" });
      try {
        const r = await saveTopologyAction({ id: s.designId, baseVersion: s.version, topology: toTopology(s.nodes, s.edges, { subjectNaming: s.subjectNaming }) });
        const now = store.getState();
        if (r.ok) {
          now.setVersion(r.data.version);
          now.setSave({ state: now.topologyRev === rev ? "saved" : "dirty" });
          if (now.topologyRev !== rev) again = true;
        } else if (r.error.code === "CONFLICT") {
          now.setSave({ state: "conflict", message: r.error.message });
          again = false;
        } else {
          now.setSave({ state: "failed", message: r.error.message });
          again = false;
        }
      } catch {
        store.getState().setSave({ state: "failed", message: "The Topiary server cannot be reached." });
        again = false;
      } finally {
        saving = false;
      }
      if (again) {
        again = false;
        void saveTopology();
      }
    }
    saveTopologyRef.current = saveTopology;

    async function saveLayout() {
      const s = store.getState();
      if (s.save.state === "conflict") return;
      const r = await saveLayoutAction({ id: s.designId, layout: toLayout(s.nodes) }).catch(() => null);
      if (!r || !r.ok) store.getState().setSave({ state: "failed", message: r && !r.ok ? r.error.message : "Saving the layout failed." });
    }

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.topologyRev !== prev.topologyRev) {
        if (s.save.state !== "conflict" && s.save.state !== "saving") s.setSave({ state: "dirty" });
        clearTimeout(topologyTimer);
        topologyTimer = setTimeout(() => void saveTopology(), TOPOLOGY_DEBOUNCE_MS);
      }
      if (s.layoutRev !== prev.layoutRev) {
        clearTimeout(layoutTimer);
        layoutTimer = setTimeout(() => void saveLayout(), LAYOUT_DEBOUNCE_MS);
      }
    });

    const warn = (e: BeforeUnloadEvent) => {
      const state = store.getState().save.state;
      if (state === "dirty" || state === "saving" || state === "failed") e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      unsubscribe();
      clearTimeout(topologyTimer);
      clearTimeout(layoutTimer);
      window.removeEventListener("beforeunload", warn);
    };
  }, [store, enabled]);

  return { retry: useCallback(() => void saveTopologyRef.current(), []) };
}
