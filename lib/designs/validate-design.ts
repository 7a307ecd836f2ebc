import { contractProblems } from "../contracts/schema-codec";
import { minInsyncReplicasError } from "../topics/create-topic-schema";
import { topicCollisionMessage, topicNameError, unifyCollisionChars } from "../topics/topic-name";
import { topicConfigError } from "../topics/topic-configs";
import { newEdgeError } from "./connection-rules";
import type { DesignNode, NodeKind, Topology } from "./design-schema";
import { connectorLabel } from "./design-connectors";
import { connectorDesignProblems } from "./validate-connectors";
import { identityProblems } from "./design-identities";

export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** The property the problem is about (e.g. "name", "configs.retention.ms"), for inline display. */
  field?: string;
}

export interface ValidationContext {
  /** Broker count of the cluster the design is bound to; replication factor is checked against it. */
  brokerCount?: number | null;
}

/** A short label for a node in messages: its name, or its kind when unnamed. */
export function nodeLabel(n: DesignNode): string {
  switch (n.kind) {
    case "topic":
      return n.data.name ? `topic "${n.data.name}"` : "unnamed topic";
    case "consumerGroup":
      return n.data.groupId ? `group "${n.data.groupId}"` : "unnamed consumer group";
    case "producer":
      return n.data.appName ? `producer "${n.data.appName}"` : "unnamed producer";
    case "processor":
      return n.data.appName ? `processor "${n.data.appName}"` : "unnamed processor";
    case "sourceConnector":
    case "sinkConnector":
      return connectorLabel(n);
  }
}

/**
 * Every rule a design must pass, in one pass over nodes and edges (linear in their number, so it can run on
 * each edit of a 1,000-node design). Errors block applying; warnings are advice.
 */
export function validateDesign(t: Topology, ctx: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, DesignNode>(t.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, NodeKind[]>();
  const outgoing = new Map<string, NodeKind[]>();

  // Edges first: refuse the ones that make no sense (an imported file may hold them).
  const seen: { source: string; target: string }[] = [];
  const seenKeys = new Set<string>();
  for (const e of t.edges) {
    const s = byId.get(e.source);
    const d = byId.get(e.target);
    const key = `${e.source}->${e.target}`;
    const err = seenKeys.has(key) ? "These two nodes are already connected" : newEdgeError(s, d, []);
    if (err) {
      problems.push({ severity: "error", edgeId: e.id, nodeId: e.source, message: `Connection ${s ? nodeLabel(s) : e.source} → ${d ? nodeLabel(d) : e.target}: ${err}` });
      continue;
    }
    seen.push(e);
    seenKeys.add(key);
    if (s && d) {
      (outgoing.get(s.id) ?? outgoing.set(s.id, []).get(s.id)!).push(d.kind);
      (incoming.get(d.id) ?? incoming.set(d.id, []).get(d.id)!).push(s.kind);
    }
  }

  const topicNames = new Map<string, string[]>();
  const unified = new Map<string, Set<string>>();
  const groupIds = new Map<string, string[]>();

  for (const n of t.nodes) {
    const ins = incoming.get(n.id) ?? [];
    const outs = outgoing.get(n.id) ?? [];
    const add = (severity: Severity, message: string, field?: string) => problems.push({ severity, message, nodeId: n.id, field });

    switch (n.kind) {
      case "topic": {
        const d = n.data;
        const nameErr = topicNameError(d.name);
        if (nameErr) add("error", `${nodeLabel(n)}: ${nameErr}`, "name");
        else {
          topicNames.set(d.name, [...(topicNames.get(d.name) ?? []), n.id]);
          const u = unifyCollisionChars(d.name);
          unified.set(u, (unified.get(u) ?? new Set()).add(d.name));
        }
        if (!Number.isInteger(d.partitions) || d.partitions < 1) add("error", `${nodeLabel(n)}: partitions must be at least 1`, "partitions");
        else if (d.partitions > 10_000) add("error", `${nodeLabel(n)}: at most 10,000 partitions`, "partitions");
        if (!Number.isInteger(d.replicationFactor) || d.replicationFactor < 1) {
          add("error", `${nodeLabel(n)}: replication factor must be at least 1`, "replicationFactor");
        } else if (ctx.brokerCount && d.replicationFactor > ctx.brokerCount) {
          add("error", `${nodeLabel(n)}: replication factor ${d.replicationFactor} is more than the cluster's ${ctx.brokerCount} broker${ctx.brokerCount === 1 ? "" : "s"}`, "replicationFactor");
        }
        for (const [key, value] of Object.entries(d.configs)) {
          const err = topicConfigError(key, value);
          if (err) add("error", `${nodeLabel(n)}: ${err}`, `configs.${key}`);
        }
        const minIsrError = minInsyncReplicasError(d.configs["min.insync.replicas"], d.replicationFactor);
        if (minIsrError) add("error", `${nodeLabel(n)}: ${minIsrError}`, "configs.min.insync.replicas");
        // Compiled schemas are cached by text, so an unchanged contract costs a lookup on each edit.
        for (const p of contractProblems(d.contract)) add("error", `${nodeLabel(n)}: ${p.message}`, `contract.${p.part}`);
        if (!d.deleteOnApply) {
          if (!ins.length) add("warning", `${nodeLabel(n)} has no producer`);
          if (!outs.length) add("warning", `${nodeLabel(n)} has no consumer`);
        }
        break;
      }
      case "consumerGroup": {
        const id = n.data.groupId.trim();
        if (!id) add("error", `${nodeLabel(n)}: give it a group id`, "groupId");
        else groupIds.set(id, [...(groupIds.get(id) ?? []), n.id]);
        if (!ins.length) add("warning", `${nodeLabel(n)} reads no topic`);
        break;
      }
      case "producer": {
        if (!n.data.appName.trim()) add("warning", `${nodeLabel(n)}: give it an application name`, "appName");
        if (!outs.length) add("warning", `${nodeLabel(n)} writes to no topic`);
        break;
      }
      case "processor": {
        if (!n.data.appName.trim()) add("warning", `${nodeLabel(n)}: give it an application name`, "appName");
        const id = n.data.groupId.trim();
        if (ins.length && !id) add("error", `${nodeLabel(n)} reads topics, so it needs a consumer group id`, "groupId");
        if (id) groupIds.set(id, [...(groupIds.get(id) ?? []), n.id]);
        if (!ins.length) add("warning", `${nodeLabel(n)} reads no topic`);
        if (!outs.length) add("warning", `${nodeLabel(n)} writes to no topic`);
        break;
      }
      // Connectors: connectorDesignProblems below, once for the whole design.
    }
  }

  for (const [name, ids] of topicNames) {
    if (ids.length > 1) for (const id of ids) problems.push({ severity: "error", nodeId: id, field: "name", message: `Topic "${name}" appears ${ids.length} times in this design` });
  }
  for (const names of unified.values()) {
    if (names.size > 1) {
      // Kafka refuses to create the second of two such topics: one error, on each name after the first.
      const [first, ...others] = [...names].sort();
      for (const name of others) {
        for (const id of topicNames.get(name) ?? []) {
          problems.push({ severity: "error", nodeId: id, field: "name", message: topicCollisionMessage(name, first) });
        }
      }
    }
  }
  for (const [id, ids] of groupIds) {
    if (ids.length > 1) for (const nid of ids) problems.push({ severity: "warning", nodeId: nid, field: "groupId", message: `Group id "${id}" is used by ${ids.length} nodes: they share one group's offsets` });
  }

  problems.push(...identityProblems(t));
  problems.push(...connectorDesignProblems(t));
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}

/** Problems grouped by node id, for drawing them on the nodes. */
export function problemsByNode(problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) if (p.nodeId) out.set(p.nodeId, [...(out.get(p.nodeId) ?? []), p]);
  return out;
}
