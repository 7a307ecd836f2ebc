"use client";
import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import { NODE_KIND_LABELS, type NodeKind } from "@/lib/designs/design-schema";
import { useAnnotations } from "../annotation-store";
import { DRIFT_LABEL } from "../drift-details";
import { LiveBadge } from "../live-lag";
import { ConformanceBadge } from "../conformance-badge";

const ICON: Record<NodeKind, string> = { producer: "P", topic: "T", consumerGroup: "G", processor: "λ", sourceConnector: "⇥", sinkConnector: "↦" };
const READS: Record<NodeKind, boolean> = { producer: false, topic: true, consumerGroup: true, processor: true, sourceConnector: false, sinkConnector: true };
const WRITES: Record<NodeKind, boolean> = { producer: true, topic: true, consumerGroup: false, processor: true, sourceConnector: true, sinkConnector: false };

/**
 * What every node kind shows: its icon, name and one line about it, its handles, and the annotations
 * (problems, drift, live lag) read from the annotation store by id.
 */
export function NodeFrame({
  id,
  kind,
  selected,
  name,
  subtitle,
  deleteOnApply,
  children,
}: {
  id: string;
  kind: NodeKind;
  selected: boolean;
  name: string;
  subtitle: string;
  deleteOnApply?: boolean;
  /** More about the node under its subtitle (a topic's contract fields). */
  children?: ReactNode;
}) {
  const problems = useAnnotations((s) => s.problemsByNode.get(id));
  const drift = useAnnotations((s) => s.drift?.[id]);
  const errors = problems?.filter((p) => p.severity === "error").length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const title = name || `unnamed ${NODE_KIND_LABELS[kind].toLowerCase()}`;
  return (
    <div
      className={`dnode dnode-${kind}${selected ? " selected" : ""}${errors ? " has-error" : warnings ? " has-warning" : ""}`}
      data-testid={`node-${kind}`}
      aria-label={`${NODE_KIND_LABELS[kind]} ${title}`}
      title={problems?.map((p) => p.message).join("\n")}
    >
      {READS[kind] && <Handle type="target" position={Position.Left} />}
      <span className="dnode-icon" aria-hidden>
        {ICON[kind]}
      </span>
      <div className="dnode-text">
        <div className="dnode-title">{title}</div>
        <div className="dnode-sub">{subtitle}</div>
        {children}
        {kind === "topic" && <ConformanceBadge nodeId={id} />}
      </div>
      {(errors > 0 || warnings > 0) && (
        <span className={`dnode-badge ${errors ? "error" : "warning"}`} data-testid="node-problem-badge">
          {errors || warnings}
        </span>
      )}
      {drift ? (
        <span className={`dnode-drift drift-${drift.status}`} data-testid="node-drift" title={drift.details.join("\n")}>
          {DRIFT_LABEL[drift.status]}
          {drift.status === "group-exists" && drift.details[0] ? ` · ${drift.details[0]}` : ""}
        </span>
      ) : (
        deleteOnApply && <span className="dnode-drift drift-marked-for-deletion">delete on apply</span>
      )}
      <LiveBadge id={id} />
      {WRITES[kind] && <Handle type="source" position={Position.Right} />}
    </div>
  );
}
