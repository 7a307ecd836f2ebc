"use client";
import { memo, useEffect } from "react";
import { formatLag, formatRate, type GroupLive } from "@/lib/groups/design-live";
import type { LagStatus } from "@/lib/groups/lag-types";
import { errorMessage } from "@/components/ui/fetch-json";
import { useAnnotations, useAnnotationStore } from "./annotation-store";
import { ConnectorLiveBadge } from "./connector-live";
import { useDesignLiveQuery } from "./design-queries";
import { useDesigner } from "./designer-store";

// Live lag on the canvas: a poll of the design's live route while it is bound to a cluster, written into the
// annotation store; each node badge and edge label (edges/design-edge.tsx) reads its own entry by id, so a
// poll re-renders only what changed and never the canvas.

/**
 * Polls live lag for the open design while it is bound to a cluster. A component of its own that renders
 * nothing, so each answer re-renders it alone, not the designer around it.
 */
export function LiveLagPoller(): null {
  const designId = useDesigner((s) => s.designId);
  const clusterId = useDesigner((s) => s.clusterId);
  const version = useDesigner((s) => s.version);
  const live = useDesignLiveQuery(designId, clusterId, version);
  const annotations = useAnnotationStore();
  const data = clusterId && live.data?.bound ? live.data : null;
  // Figures from before a failure are not current: show why instead.
  const error = clusterId && live.isError ? errorMessage(live.error) : null;
  useEffect(() => annotations.getState().setLive(error ? null : data, error), [annotations, data, error]);
  return null;
}

const STATUS_CLASS: Record<LagStatus, string> = { OK: "ok", WARN: "warn", REWIND: "bad", STALL: "bad", STOP: "bad" };

function groupTitle(g: GroupLive): string {
  if (!g.status) return g.reason;
  // The verdict's reason already names the status ("STOP on orders[0]: …").
  return [g.reason || g.status, g.state ? `group state ${g.state}` : ""].filter(Boolean).join("\n");
}

/** A node's live figure: lag for consumer groups and processors, incoming rate for topics. */
export const LiveBadge = memo(function LiveBadge({ id }: { id: string }) {
  const live = useAnnotations((s) => s.live?.nodes[id]);
  if (!live) return null;
  if (live.kind === "topic") {
    return (
      <span className="dnode-live live-rate" data-testid="node-rate" title={live.reason || `Messages per second arriving on ${live.name}`}>
        {live.rate === null ? "– msg/s" : formatRate(live.rate)}
      </span>
    );
  }
  if (live.kind === "connector") return <ConnectorLiveBadge live={live} />;
  const tone = live.lag === null || !live.status ? "unknown" : STATUS_CLASS[live.status];
  return (
    <span className={`dnode-live live-${tone}`} data-testid="node-lag" title={groupTitle(live)}>
      {live.lag === null ? "lag –" : `lag ${formatLag(live.lag)}`}
    </span>
  );
});

/** Says why live figures are missing (e.g. the cluster cannot be reached), instead of showing stale ones. */
export function LiveLagNote() {
  const error = useAnnotations((s) => s.liveError);
  if (!error) return null;
  return (
    <div className="live-note" role="status" data-testid="live-note" title={error}>
      live lag unavailable: {error}
    </div>
  );
}
