// The shapes of a plan: what applying a design to a cluster would change, key by key.
import { describeAccessChange, type AccessChange, type AccessPlan } from "../acls/plan-access";
import { describeConnectorChange, type ConnectorChange, type ConnectorPlan } from "./connector-plan-types";
import { describeContractChange, type ContractChange, type ContractPlanPart } from "./contract-plan-types";

/** A topic as it is in the cluster. `configs` holds the topic's dynamic overrides only (not broker defaults). */
export interface LiveTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

export interface LiveGroup {
  groupId: string;
  state: string;
}

export interface ClusterState {
  brokerCount: number;
  topics: LiveTopic[];
  groups?: LiveGroup[];
}

export type Change =
  | { kind: "createTopic"; topic: string; partitions: number; replicationFactor: number; configs: Record<string, string> }
  | { kind: "addPartitions"; topic: string; from: number; to: number }
  | { kind: "setConfig"; topic: string; key: string; before: string | null; after: string }
  | { kind: "removeConfig"; topic: string; key: string; before: string }
  | { kind: "deleteTopic"; topic: string }
  /** ACL bindings and client quotas of the design's identities (lib/acls/plan-access.ts). */
  | AccessChange
  /** Kafka Connect connectors of the design (lib/plan/connector-plan.ts). */
  | ConnectorChange
  /** Schema Registry subjects of the design's contracts (lib/plan/contract-plan.ts). */
  | ContractChange;

export type TopicPlanStatus = "create" | "update" | "in-sync" | "delete" | "refused" | "invalid";

export interface TopicPlan {
  nodeId: string;
  topic: string;
  status: TopicPlanStatus;
  changes: Change[];
  /** Why (part of) this topic cannot be applied; such changes are never attempted. */
  refusals: string[];
  warnings: string[];
}

export interface Plan {
  topics: TopicPlan[];
  /** Topics in the cluster that this design does not describe: listed, never touched. */
  unmanaged: string[];
  /** Every change in the order apply runs them: creates, partitions, configs, deletions last. */
  changes: Change[];
  /** Topics that need their name typed to confirm deletion. */
  deletions: string[];
  /** Design errors that block applying (from the designer's validation). */
  blockingErrors: string[];
  /** Identifies the design revision and the cluster state this plan was computed from. */
  hash: string;
  /** The design's bindings and quotas (absent when it has no identities and applied none). */
  access?: AccessPlan;
  /** The design's connectors (absent when it has none). */
  connectors?: ConnectorPlan[];
  /** Connectors on the design's Connect clusters that it does not describe: listed, never touched. */
  unmanagedConnectors?: { connect: string; name: string }[];
  /** Connectors that need their name typed to confirm deletion. */
  connectorDeletions?: string[];
  /** The Schema Registry subjects of the design's contracts (absent when it has no contract). */
  contracts?: ContractPlanPart;
}

export type StepStatus = "done" | "failed" | "skipped";

export interface StepResult {
  change: Change;
  status: StepStatus;
  /** Kafka's error (failed) or the reason it was not run (skipped). */
  message?: string;
  /** Kafka Connect's stack trace of a connector or task that FAILED after apply. */
  trace?: string;
}

export function describeChange(c: Change): string {
  switch (c.kind) {
    case "createTopic":
      return `create ${c.topic} (${count(c.partitions, "partition")}, replication factor ${c.replicationFactor}${Object.keys(c.configs).length ? `, ${count(Object.keys(c.configs).length, "config")}` : ""})`;
    case "addPartitions":
      return `${c.topic}: partitions ${c.from} → ${c.to}`;
    case "setConfig":
      return `${c.topic}: ${c.key} ${c.before ?? "(default)"} → ${c.after}`;
    case "removeConfig":
      return `${c.topic}: ${c.key} ${c.before} → (default)`;
    case "deleteTopic":
      return `delete ${c.topic}`;
    case "createAcl":
    case "deleteAcl":
    case "setQuota":
      return describeAccessChange(c);
    case "createConnector":
    case "updateConnector":
    case "deleteConnector":
      return describeConnectorChange(c);
    case "registerSchema":
      return describeContractChange(c);
  }
}

/** A plan as the plan page shows it. */
export interface PlanView {
  designId: string;
  designName: string;
  designVersion: number;
  clusterId: string;
  clusterName: string;
  readOnly: boolean;
  plan: Plan;
  groups: { nodeId: string; groupId: string; exists: boolean; state: string | null }[];
  checkedAt: string;
}

export interface ApplyRunSummary {
  id: string;
  designId: string | null;
  designName: string;
  designVersion: number;
  clusterId: string | null;
  clusterName: string;
  user: string;
  status: string;
  startedAt: string;
  durationMs: number;
  steps: number;
  failed: number;
  error: string | null;
}

export interface ApplyRunView extends ApplyRunSummary {
  plan: Plan | null;
  results: StepResult[];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
