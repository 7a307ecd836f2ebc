import type { NodeDrift } from "@/lib/plan/drift";

// What the properties panel's "On the cluster" says about a connector node (issue 14, item 6): Kafka Connect's
// side, in words; the differing keys follow in drift-details' table (secrets as references or masked).

export function connectorDriftSummary(d: NodeDrift): string {
  const where = d.connector?.connect ? `Kafka Connect "${d.connector.connect}"` : "Kafka Connect";
  const state = d.connector?.state ? ` (${d.connector.state})` : "";
  switch (d.status) {
    case "in-sync":
      return `The connector on ${where} is as designed${state}.`;
    case "not-created":
      return `Not on ${where} yet: apply creates it and waits until it runs.`;
    case "drifted":
      return `The connector on ${where}${state} was changed outside the design; apply sets these keys back:`;
    case "marked-for-deletion":
      return `Apply deletes this connector from ${where} (after its name is typed to confirm).`;
    case "refused":
      return "Apply refuses this connector (and so the whole apply):";
    case "invalid":
      return "The design has errors here, so it is not planned:";
    default:
      return "";
  }
}
