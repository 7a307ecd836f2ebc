import type { NodeProps } from "@xyflow/react";
import type { FlowNode } from "../design-flow";

/**
 * memo's comparison for the node components: they draw only their id, kind, data and selection. React Flow
 * also passes the absolute position and `dragging`, which change on every frame of a drag (and for every node
 * after an auto layout): without this, the dragged node's whole frame re-rendered each frame for nothing.
 */
export function sameNodeView(a: Pick<NodeProps<FlowNode>, "id" | "type" | "data" | "selected">, b: Pick<NodeProps<FlowNode>, "id" | "type" | "data" | "selected">): boolean {
  return a.id === b.id && a.type === b.type && a.data === b.data && a.selected === b.selected;
}
