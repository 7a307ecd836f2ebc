import type { NodeProps, NodeTypes } from "@xyflow/react";
import type { ComponentType } from "react";
import type { NodeKind } from "@/lib/designs/design-schema";
import type { FlowNode } from "../design-flow";
import { SinkConnectorNode, SourceConnectorNode } from "./connector-nodes";
import { ConsumerGroupNode, ProcessorNode, ProducerNode, TopicNode } from "./kind-nodes";

// The node registry: one component per kind. At module scope: React Flow re-mounts every node when this
// object changes identity.
export const nodeTypes = {
  producer: ProducerNode,
  topic: TopicNode,
  consumerGroup: ConsumerGroupNode,
  processor: ProcessorNode,
  sourceConnector: SourceConnectorNode,
  sinkConnector: SinkConnectorNode,
} satisfies { [K in NodeKind]: ComponentType<NodeProps<Extract<FlowNode, { type: K }>>> } & NodeTypes;
