"use client";
import { useDeferredValue } from "react";
import { topicNameError } from "@/lib/topics/topic-name";
import { FieldError } from "@/components/ui/field-error";
import { useTopicContractsQuery } from "@/components/registry/produce-schema-choice";

// A conformance rule's fields in the alert form (issue 19, item 7): the topic and the share below which the rule
// fires. A topic for which no design bound to the cluster has a contract gets a warning (the rule is kept, and
// checks nothing until a contract exists), not an error.

export function ConformanceRuleFields({
  clusterId,
  topic,
  below,
  onTopic,
  onBelow,
  error,
}: {
  clusterId: string;
  topic: string;
  below: string;
  onTopic: (topic: string) => void;
  onBelow: (below: string) => void;
  error: (field: string) => string | undefined;
}) {
  const typed = useDeferredValue(topic.trim());
  const contracts = useTopicContractsQuery(clusterId, typed, !!typed && !topicNameError(typed));
  const none = !!typed && contracts.data?.length === 0;
  return (
    <>
      <label>
        Topic
        <input value={topic} onChange={(e) => onTopic(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={!!error("topic") || undefined} />
      </label>
      <FieldError field="topic">{error("topic")}</FieldError>
      <FieldError tone="warning" testId="topic-without-contract">
        {none ? `No design bound to this cluster gives topic "${typed}" a contract: the rule checks nothing until one does.` : undefined}
      </FieldError>
      <label>
        Conforming below (%)
        <input type="number" min={0} max={100} step="any" value={below} onChange={(e) => onBelow(e.target.value)} aria-invalid={!!error("conformanceBelow") || undefined} />
      </label>
      <FieldError field="conformanceBelow">{error("conformanceBelow")}</FieldError>
      <p className="hint">
        The newest 200 messages of the topic are checked against its contract every 5 minutes (by the console that samples this cluster&apos;s lag); the rule fires when
        the share that conforms is below this.
      </p>
    </>
  );
}
