"use client";
import { memo } from "react";
import { conformancePercent, describeConformance } from "@/lib/contracts/conformance";
import { useTopicConformance } from "./conformance-queries";
import "./contracts.css";

/** Below this share a topic's badge is red. */
const LOW_PERCENT = 99;

/**
 * On a topic node with a contract: the share of its newest messages that conform ("97 % of 200 conform"), from
 * the design's conformance answer; nothing when the topic has none, or the user may not read messages.
 */
export const ConformanceBadge = memo(function ConformanceBadge({ nodeId }: { nodeId: string }) {
  const { may, data } = useTopicConformance(nodeId);
  if (!may || !data) return null;
  const p = conformancePercent(data);
  const tone = data.error || p === null ? "none" : p < LOW_PERCENT ? "low" : "ok";
  return (
    <span className={`conformance-badge ${tone}`} data-testid="node-conformance" title={`Newest messages checked against the contract at ${new Date(data.sampledAt).toLocaleTimeString()}`}>
      {describeConformance(data)}
    </span>
  );
});
