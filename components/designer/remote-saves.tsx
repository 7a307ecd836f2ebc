"use client";
import { useEffect, useRef } from "react";
import { fetchDesign, useDesignHeadQuery } from "./design-queries";
import { useDesigner, useDesignerStore } from "./designer-store";
import { remoteSaveAction } from "./remote-save-action";

/**
 * Follows saves made elsewhere (another tab, another console instance): the design's newest version is polled
 * from the store. A designer with nothing unsaved takes the newer version at once; one with edits of its own is
 * told now that they can no longer be saved (the conflict banner, with its reload), instead of when its next
 * save is refused. Renders nothing.
 */
export function RemoteSaves(): null {
  const store = useDesignerStore();
  const designId = useDesigner((s) => s.designId);
  const version = useDesigner((s) => s.version);
  const saveState = useDesigner((s) => s.save.state);
  const head = useDesignHeadQuery(designId);
  const loading = useRef(false);
  const newest = head.data?.version ?? 0;

  useEffect(() => {
    const s = store.getState();
    const action = remoteSaveAction(newest, s.version, s.save.state);
    if (action === "none" || loading.current) return;
    if (action === "reload") {
      loading.current = true;
      void fetchDesign(designId)
        .then((d) => {
          const now = store.getState();
          // Still nothing unsaved here, and still older than what was read.
          if (now.save.state === "saved" && d.version > now.version) now.replaceWith(d);
        })
        .catch(() => {})
        .finally(() => (loading.current = false));
    } else {
      s.setSave({ state: "conflict", message: `This design was saved elsewhere (version ${newest}) since this tab loaded it.` });
    }
  }, [store, designId, newest, version, saveState]);
  return null;
}
