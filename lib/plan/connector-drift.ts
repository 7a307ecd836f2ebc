import type { ConnectorPlan } from "./connector-plan-types";
import type { DriftValue, NodeDrift } from "./drift";
import type { Plan } from "./plan-types";

// How Kafka Connect differs from each connector node (issue 14, item 6), from the plan: not created, in sync,
// changed by hand (each key with the design's value and Connect's, secrets as references or masked), marked for
// deletion, refused or invalid, with the connector's state on Connect.

function drift(c: ConnectorPlan): NodeDrift {
  const connector = { connect: c.connect, state: c.state };
  const reasons = c.refusals.length ? { reasons: [...c.refusals] } : {};
  switch (c.status) {
    case "in-sync":
      return { status: "in-sync", details: c.warnings, connector };
    case "create":
      return { status: "not-created", details: [], connector };
    case "delete":
      return { status: "marked-for-deletion", details: [], connector };
    case "invalid":
      return { status: "invalid", details: c.refusals, connector, ...reasons };
    case "refused":
      return { status: "refused", details: c.refusals, connector, ...reasons };
    case "update": {
      const keys = c.change?.kind === "updateConnector" ? c.change.keys : [];
      const values: DriftValue[] = keys.map((k) => ({ key: k.key, design: k.after, cluster: k.before, apply: "change" }));
      const details = keys.map((k) => `${k.key}: ${k.before ?? "(not set)"} → ${k.after ?? "(removed)"}`);
      return { status: "drifted", details: [...details, ...c.warnings], values, connector };
    }
  }
}

export function connectorDriftByNode(plan: Plan): Record<string, NodeDrift> {
  return Object.fromEntries((plan.connectors ?? []).map((c) => [c.nodeId, drift(c)]));
}
