"use client";
import type { NodeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import type { Contract } from "@/lib/contracts/contract-schema";
import { contractSummary } from "../contract-summary";
import type { FlowNodeOf } from "../design-flow";
import { NodeFrame } from "./node-frame";
import { sameNodeView } from "./same-node-view";

// One component per node kind, each reading its own kind's data; memoized on what they draw
// (same-node-view.ts), so a drag or an auto layout, which only moves nodes, re-renders none of them.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const ProducerNode = memo(function ProducerNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"producer">>) {
  const subtitle = [data.clientId, typeof data.rate === "number" ? `${data.rate} msg/s` : ""].filter(Boolean).join(" · ") || "producer";
  return <NodeFrame id={id} kind={type} selected={selected} name={data.appName} subtitle={subtitle} />;
}, sameNodeView);

/** The contract's top-level fields under a topic's name: what its messages hold at a glance. */
function ContractFields({ contract }: { contract: Contract }) {
  const s = useMemo(() => contractSummary(contract), [contract]);
  return (
    <div className="dnode-contract" data-testid="node-contract-fields" title={s.error}>
      <span className="dnode-format">{s.format}</span> {s.error ? <span className="error">schema invalid</span> : s.root}
      {s.lines.length > 0 && (
        <ul>
          {s.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
          {s.more > 0 && <li className="muted">+{s.more} more</li>}
        </ul>
      )}
    </div>
  );
}

export const TopicNode = memo(function TopicNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"topic">>) {
  const configs = Object.keys(data.configs).length;
  const subtitle = `${plural(data.partitions, "partition")} · RF ${data.replicationFactor}${configs ? ` · ${plural(configs, "config")}` : ""}`;
  return (
    <NodeFrame id={id} kind={type} selected={selected} name={data.name} subtitle={subtitle} deleteOnApply={data.deleteOnApply}>
      {data.contract && <ContractFields contract={data.contract} />}
    </NodeFrame>
  );
}, sameNodeView);

export const ConsumerGroupNode = memo(function ConsumerGroupNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"consumerGroup">>) {
  return <NodeFrame id={id} kind={type} selected={selected} name={data.groupId} subtitle={data.appName || "consumer group"} />;
}, sameNodeView);

export const ProcessorNode = memo(function ProcessorNode({ id, type, data, selected }: NodeProps<FlowNodeOf<"processor">>) {
  return <NodeFrame id={id} kind={type} selected={selected} name={data.appName} subtitle={data.groupId ? `group ${data.groupId}` : "processor"} />;
}, sameNodeView);
