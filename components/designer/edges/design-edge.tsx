"use client";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { formatRate } from "@/lib/groups/design-live";
import { useAnnotations } from "../annotation-store";
import type { FlowEdge } from "../design-flow";

/** React Flow's default bezier edge, with its live throughput as a label. */
export const DesignEdge = memo(function DesignEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, interactionWidth }: EdgeProps<FlowEdge>) {
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
