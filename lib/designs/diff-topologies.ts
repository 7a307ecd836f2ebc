import { subjectNamingOf } from "../contracts/subject-naming";
import type { DesignEdge, DesignNode, Topology } from "./design-schema";
import { nodeLabel } from "./validate-design";

export interface FieldChange {
  /** Dotted path within the node's data, e.g. "partitions" or "configs.retention.ms". */
  key: string;
  before: unknown;
  after: unknown;
}

export interface TopologyDiff {
  nodesAdded: { id: string; kind: DesignNode["kind"]; label: string }[];
  nodesRemoved: { id: string; kind: DesignNode["kind"]; label: string }[];
  nodesChanged: { id: string; kind: DesignNode["kind"]; label: string; changes: FieldChange[] }[];
  edgesAdded: { id: string; from: string; to: string }[];
  edgesRemoved: { id: string; from: string; to: string }[];
  /** Design-wide settings that changed (the contracts' subject naming strategy); absent when none did. */
  settings?: FieldChange[];
}

/** Flattens nested plain objects to dotted keys ({configs: {a: 1}} → {"configs.a": 1}). */
function flatten(value: unknown, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

export function diffNodeData(before: DesignNode, after: DesignNode): FieldChange[] {
  if (before.kind !== after.kind) return [{ key: "kind", before: before.kind, after: after.kind }];
  const a = flatten(before.data);
  const b = flatten(after.data);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((key) => ({ key, before: a[key], after: b[key] }));
}

/** What changed from `before` to `after`: nodes and edges added, removed, and changed key by key. */
export function diffTopologies(before: Topology, after: Topology): TopologyDiff {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const label = (id: string) => {
    const n = newNodes.get(id) ?? oldNodes.get(id);
    return n ? nodeLabel(n) : id;
  };
  const edgeKey = (e: DesignEdge) => `${e.source}->${e.target}`;
  const oldEdges = new Map(before.edges.map((e) => [edgeKey(e), e]));
  const newEdges = new Map(after.edges.map((e) => [edgeKey(e), e]));

  const diff: TopologyDiff = { nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], edgesRemoved: [] };
  for (const n of after.nodes) {
    const old = oldNodes.get(n.id);
    if (!old) diff.nodesAdded.push({ id: n.id, kind: n.kind, label: nodeLabel(n) });
    else {
      const changes = diffNodeData(old, n);
      if (changes.length) diff.nodesChanged.push({ id: n.id, kind: n.kind, label: nodeLabel(n), changes });
    }
  }
  for (const n of before.nodes) if (!newNodes.has(n.id)) diff.nodesRemoved.push({ id: n.id, kind: n.kind, label: nodeLabel(n) });
  for (const [k, e] of newEdges) if (!oldEdges.has(k)) diff.edgesAdded.push({ id: e.id, from: label(e.source), to: label(e.target) });
  for (const [k, e] of oldEdges) if (!newEdges.has(k)) diff.edgesRemoved.push({ id: e.id, from: label(e.source), to: label(e.target) });
  if (subjectNamingOf(before) !== subjectNamingOf(after)) diff.settings = [{ key: "subjectNaming", before: subjectNamingOf(before), after: subjectNamingOf(after) }];
  return diff;
}

export function isEmptyDiff(d: TopologyDiff): boolean {
  return !d.nodesAdded.length && !d.nodesRemoved.length && !d.nodesChanged.length && !d.edgesAdded.length && !d.edgesRemoved.length && !d.settings?.length;
}

/** One line, e.g. "2 nodes added, 1 changed, 1 edge removed", for revision lists. */
export function summarizeDiff(d: TopologyDiff): string {
  const parts: string[] = [];
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  if (d.nodesAdded.length) parts.push(`${n(d.nodesAdded.length, "node")} added`);
  if (d.nodesRemoved.length) parts.push(`${n(d.nodesRemoved.length, "node")} removed`);
  if (d.nodesChanged.length) parts.push(`${n(d.nodesChanged.length, "node")} changed`);
  if (d.edgesAdded.length) parts.push(`${n(d.edgesAdded.length, "connection")} added`);
  if (d.edgesRemoved.length) parts.push(`${n(d.edgesRemoved.length, "connection")} removed`);
  for (const c of d.settings ?? []) parts.push(`${c.key === "subjectNaming" ? "subject naming" : c.key} ${String(c.before)} → ${String(c.after)}`);
  return parts.join(", ") || "no changes";
}
