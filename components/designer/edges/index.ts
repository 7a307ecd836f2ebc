import type { EdgeProps, EdgeTypes } from "@xyflow/react";
import type { ComponentType } from "react";
import type { FlowEdge } from "../design-flow";
import { DesignEdge } from "./design-edge";

// The edge registry, beside the node registry (../nodes): at module scope, like nodeTypes, since React Flow
// re-mounts every edge when this object changes identity.
export const edgeTypes = {
  design: DesignEdge,
} satisfies { [K in NonNullable<FlowEdge["type"]>]: ComponentType<EdgeProps<FlowEdge>> } & EdgeTypes;
