import { bindingKey, CLUSTER_RESOURCE_NAME, compareBindings, WILDCARD, type AclBinding, type AclOperation, type PatternType, type ResourceType } from "./acl-model";

// The least bindings an application needs, by what it does (issue 13, item 4; the same as kafka-acls' --producer
// and --consumer conveniences, without their CREATE):
// - a producer: WRITE and DESCRIBE on its topics, and IDEMPOTENT_WRITE on the cluster (idempotence is on by
//   default in today's clients), or WRITE and DESCRIBE on its transactional id when it is transactional;
// - a consumer group: READ and DESCRIBE on its topics, READ on its group;
// - a processor: both sides.
// DESCRIBE is implied by READ and WRITE in Kafka's authorizer; it is written out anyway so the bindings say
// what the application does (and match what the command-line tools and JulieOps create). Prefix bindings only
// when the caller asks for them (a design that says so).

/** A name, literal unless the caller says the name is a prefix. */
export interface NameRef {
  name: string;
  pattern?: PatternType;
}

export interface ProducerNeed {
  kind: "producer";
  principal: string;
  topics: NameRef[];
  /** Transactional producers are bound to their transactional id instead of IDEMPOTENT_WRITE. */
  transactionalId?: NameRef | null;
  /** False for a producer with idempotence turned off: no cluster binding. Default true. */
  idempotent?: boolean;
}

export interface ConsumerGroupNeed {
  kind: "consumerGroup";
  principal: string;
  group: NameRef;
  topics: NameRef[];
}

export interface ProcessorNeed {
  kind: "processor";
  principal: string;
  group: NameRef;
  inputs: NameRef[];
  outputs: NameRef[];
  transactionalId?: NameRef | null;
  idempotent?: boolean;
}

export type AccessNeed = ProducerNeed | ConsumerGroupNeed | ProcessorNeed;

function allow(principal: string, resourceType: ResourceType, ref: NameRef, operation: AclOperation): AclBinding {
  return { resourceType, resourceName: ref.name, patternType: ref.pattern ?? "LITERAL", principal, host: WILDCARD, operation, permission: "ALLOW" };
}

function producing(principal: string, topics: NameRef[], transactionalId: NameRef | null | undefined, idempotent: boolean | undefined): AclBinding[] {
  if (topics.length === 0) return [];
  const out = topics.flatMap((t) => [allow(principal, "TOPIC", t, "WRITE"), allow(principal, "TOPIC", t, "DESCRIBE")]);
  if (transactionalId) out.push(allow(principal, "TRANSACTIONAL_ID", transactionalId, "WRITE"), allow(principal, "TRANSACTIONAL_ID", transactionalId, "DESCRIBE"));
  else if (idempotent !== false) out.push(allow(principal, "CLUSTER", { name: CLUSTER_RESOURCE_NAME }, "IDEMPOTENT_WRITE"));
  return out;
}

function consuming(principal: string, group: NameRef, topics: NameRef[]): AclBinding[] {
  return [...topics.flatMap((t) => [allow(principal, "TOPIC", t, "READ"), allow(principal, "TOPIC", t, "DESCRIBE")]), allow(principal, "GROUP", group, "READ")];
}

/** The least bindings one application needs, without duplicates, in display order. */
export function leastBindings(need: AccessNeed): AclBinding[] {
  switch (need.kind) {
    case "producer":
      return dedupe(producing(need.principal, need.topics, need.transactionalId, need.idempotent));
    case "consumerGroup":
      return dedupe(consuming(need.principal, need.group, need.topics));
    case "processor":
      return dedupe([...consuming(need.principal, need.group, need.inputs), ...producing(need.principal, need.outputs, need.transactionalId, need.idempotent)]);
  }
}

/** The bindings a set of applications needs together (one binding however many need it). */
export function leastBindingsFor(needs: readonly AccessNeed[]): AclBinding[] {
  return dedupe(needs.flatMap(leastBindings));
}

export function dedupe(bindings: readonly AclBinding[]): AclBinding[] {
  const byKey = new Map<string, AclBinding>();
  for (const b of bindings) if (!byKey.has(bindingKey(b))) byKey.set(bindingKey(b), b);
  return [...byKey.values()].sort(compareBindings);
}
