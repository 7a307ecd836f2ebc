"use client";
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { shortClassName } from "@/lib/connect/filter-connectors";
import { isMirrorSource } from "@/lib/designs/design-connectors";
import type { ConnectorData } from "@/lib/designs/connector-data";
import type { FlowNodeOf } from "../design-flow";
import { NodeFrame } from "./node-frame";
import { sameNodeView } from "./same-node-view";
import "../connectors.css";

// Kafka Connect connectors on the canvas (issue 14, item 5): the plugin's short name and the Connect cluster;
// a MirrorMaker connector says which cluster it replicates from. Live state comes through NodeFrame's LiveBadge.

function subtitle(d: ConnectorData, fallback: string): string {
  const cls = d.connectorClass ? shortClassName(d.connectorClass) : fallback;
  const from = isMirrorSource(d.connectorClass) && d.sourceCluster ? `from ${d.sourceCluster}` : "";
  return [cls, from, d.connectCluster ? `on ${d.connectCluster}` : ""].filter(Boolean).join(" · ");
}

export const SourceConnectorNode = memo(function SourceConnectorNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"sourceConnector">>) {
  return <NodeFrame id={id} kind={type} selected={selected} name={data.name} subtitle={subtitle(data, "source connector")} deleteOnApply={data.deleteOnApply} />;
}, sameNodeView);

export const SinkConnectorNode = memo(function SinkConnectorNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"sinkConnector">>) {
  return <NodeFrame id={id} kind={type} selected={selected} name={data.name} subtitle={subtitle(data, "sink connector")} deleteOnApply={data.deleteOnApply} />;
}, sameNodeView);
