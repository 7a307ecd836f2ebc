"use client";
import { Background, Controls, MiniMap, ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useState } from "react";
import type { DesignNode, Topology } from "@/lib/designs/design-schema";

// Plain React Flow with the designer's graph: default nodes of the designer's node size, default edges, the
// same MiniMap, Controls and Background, and state kept the way the React Flow docs show. It is the yardstick
// for the designer's canvas in `npm run bench:canvas`, so it should do no more than a minimal editor must.

function label(n: DesignNode): string {
  return n.kind === "consumerGroup" ? n.data.groupId : "appName" in n.data ? n.data.appName : n.data.name;
}

const NODE_STYLE = { width: 220, height: 56 };

export function BareFlow({
  topology,
  positions,
  size,
}: {
  topology: Topology;
  positions: Record<string, { x: number; y: number }>;
  size: { width: number | null; height: number | null };
}) {
  const [initial] = useState(() => ({
    nodes: topology.nodes.map((n): Node => ({ id: n.id, position: positions[n.id] ?? { x: 0, y: 0 }, data: { label: label(n) }, style: NODE_STYLE })),
    edges: topology.edges.map((e): Edge => ({ id: e.id, source: e.source, target: e.target })),
  }));
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  return (
    <div
      data-testid="bare-canvas"
      style={{ position: "fixed", top: 46, left: 0, width: size.width ?? "100%", height: size.height ?? "calc(100% - 46px)", background: "var(--bg)" }}
    >
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView minZoom={0.05} proOptions={{ hideAttribution: true }}>
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls />
      </ReactFlow>
    </div>
  );
}
