"use client";
import { ConformanceDetails } from "./conformance-details";
import type { FlowNodeOf } from "./design-flow";
import { SubjectNamingControl } from "./subject-naming-control";

/** What the properties panel shows under a topic's contract (issue 19): its subjects and their naming, and conformance. */
export function TopicContractPanel({ node, readOnly }: { node: FlowNodeOf<"topic">; readOnly: boolean }) {
  if (!node.data.contract) return null;
  return (
    <>
      <SubjectNamingControl node={node} readOnly={readOnly} />
      <ConformanceDetails nodeId={node.id} />
    </>
  );
}
