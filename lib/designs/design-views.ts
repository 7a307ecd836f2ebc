import type { Layout, Topology } from "./design-schema";
import type { TopologyDiff } from "./diff-topologies";

/** A design as the designer opens it. */
export interface DesignView {
  id: string;
  name: string;
  clusterId: string | null;
  clusterName: string | null;
  /** Number of the newest topology revision; saves name it to detect a stale tab. */
  version: number;
  topology: Topology;
  layout: Layout;
  updatedAt: string;
}

/** A design's newest saved version, without its content (polled by an open designer). */
export interface DesignHead {
  id: string;
  version: number;
  updatedAt: string;
}

export interface DesignSummary {
  id: string;
  name: string;
  clusterName: string | null;
  version: number;
  nodeCount: number;
  topicCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RevisionSummary {
  number: number;
  summary: string;
  createdBy: string;
  createdAt: string;
}

export interface RevisionView extends RevisionSummary {
  topology: Topology;
}

export interface RevisionComparison {
  from: number;
  to: number;
  diff: TopologyDiff;
}
