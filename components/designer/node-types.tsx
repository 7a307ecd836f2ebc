"use client";
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { NODE_KIND_LABELS, type NodeKind } from "@/lib/designs/design-schema";
import { useAnnotations, type FlowNode } from "./designer-store";
import { LiveBadge } from "./live-lag";

function title(kind: NodeKind, d: FlowNode["data"]): string {
  const v = kind === "topic" ? d.name : kind === "consumerGroup" ? d.groupId : d.appName;
  return (typeof v === "string" && v) || `unnamed ${NODE_KIND_LABELS[kind].toLowerCase()}`;
}

function subtitle(kind: NodeKind, d: FlowNode["data"]): string {
  switch (kind) {
    case "topic": {
      const configs = Object.keys((d.configs as Record<string, string>) ?? {}).length;
      return `${d.partitions} partition${d.partitions === 1 ? "" : "s"} · RF ${d.replicationFactor}${configs ? ` · ${configs} config${configs === 1 ? "" : "s"}` : ""}`;
    }
    case "consumerGroup":
      return (d.appName as string) || "consumer group";
    case "producer":
      return [d.clientId, typeof d.rate === "number" ? `${d.rate} msg/s` : ""].filter(Boolean).join(" · ") || "producer";
    case "processor":
      return (d.groupId as string) ? `group ${d.groupId}` : "processor";
  }
}

const DRIFT_LABEL: Record<string, string> = {
  "in-sync": "in sync",
  "not-created": "not created",
  drifted: "drifted",
  "marked-for-deletion": "marked for deletion",
  refused: "refused",
  invalid: "invalid",
  "group-exists": "exists",
  "group-missing": "no such group",
};

const ICON: Record<NodeKind, string> = { producer: "P", topic: "T", consumerGroup: "G", processor: "λ" };

function DesignNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const problems = useAnnotations((s) => s.problemsByNode.get(id));
  const drift = useAnnotations((s) => s.drift?.[id]);
  const errors = problems?.filter((p) => p.severity === "error").length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const kind = type as NodeKind;
  const reads = kind === "topic" || kind === "consumerGroup" || kind === "processor";
  const writes = kind === "producer" || kind === "topic" || kind === "processor";
  const name = title(kind, data);
  return (
    <div
      className={`dnode dnode-${kind}${selected ? " selected" : ""}${errors ? " has-error" : warnings ? " has-warning" : ""}`}
      data-testid={`node-${kind}`}
      aria-label={`${NODE_KIND_LABELS[kind]} ${name}`}
      title={problems?.map((p) => p.message).join("\n")}
    >
      {reads && <Handle type="target" position={Position.Left} />}
      <span className="dnode-icon" aria-hidden>
        {ICON[kind]}
      </span>
      <div className="dnode-text">
        <div className="dnode-title">{name}</div>
        <div className="dnode-sub">{subtitle(kind, data)}</div>
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
        data.deleteOnApply === true && <span className="dnode-drift drift-marked-for-deletion">delete on apply</span>
      )}
      <LiveBadge id={id} />
      {writes && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

const Memo = memo(DesignNodeView);

// At module scope: React Flow re-mounts every node when this object changes identity.
export const nodeTypes: NodeTypes = { producer: Memo, topic: Memo, consumerGroup: Memo, processor: Memo };
