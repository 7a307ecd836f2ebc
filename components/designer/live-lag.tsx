"use client";
import { useQuery } from "@tanstack/react-query";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { memo, useEffect } from "react";
import { formatLag, formatRate, type DesignLiveAnswer, type GroupLive } from "@/lib/lag/design-live";
import type { LagStatus } from "@/lib/lag/lag-types";
import { errorMessage, fetchJson } from "@/components/ui/fetch-json";
import { useAnnotations, useAnnotationStore, useDesigner } from "./designer-store";

// Live lag on the canvas: a poll of the design's live route while it is bound to a cluster, written into the
// annotation store; each node badge and edge label reads its own entry by id, so a poll re-renders only what
// changed and never the canvas.

const POLL_MS = 5_000;

/**
 * Polls live lag for the open design while it is bound to a cluster. A component of its own that renders
 * nothing, so each answer re-renders it alone, not the designer around it.
 */
export function LiveLagPoller(): null {
  const designId = useDesigner((s) => s.designId);
  const clusterId = useDesigner((s) => s.clusterId);
  // A saved change (a renamed topic or group) asks again at once instead of waiting for the next poll.
  const version = useDesigner((s) => s.version);
  const live = useQuery({
    queryKey: ["designs", "live", designId, clusterId, version],
    queryFn: ({ signal }) => fetchJson<DesignLiveAnswer>(`/api/designs/${designId}/live`, signal),
    enabled: !!clusterId,
    // Keep the badges while the next version is read, but never show one cluster's figures for another.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[3] === clusterId ? prev : undefined),
    refetchInterval: (q) => (q.state.data?.bound === false ? false : POLL_MS),
  });
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
  const tone = live.lag === null || !live.status ? "unknown" : STATUS_CLASS[live.status];
  return (
    <span className={`dnode-live live-${tone}`} data-testid="node-lag" title={groupTitle(live)}>
      {live.lag === null ? "lag –" : `lag ${formatLag(live.lag)}`}
    </span>
  );
});

/** React Flow's default bezier edge, with its live throughput as a label. */
const DesignEdge = memo(function DesignEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, interactionWidth }: EdgeProps) {
  const rate = useAnnotations((s) => s.live?.edges[id]);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />
      {typeof rate === "number" && (
        <EdgeLabelRenderer>
          <div className="edge-rate" data-testid="edge-rate" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {formatRate(rate)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

// At module scope, like nodeTypes: React Flow re-mounts every edge when this object changes identity.
export const edgeTypes: EdgeTypes = { design: DesignEdge };

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
