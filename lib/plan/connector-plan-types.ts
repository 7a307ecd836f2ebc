import type { ConnectorState, ConnectorType, ConnectPlugin } from "../connect/connect-types";

// The shapes of the connectors' part of a plan (issue 14, item 6). Everything here may reach the browser: config
// values are the design's (secrets as their references) or the cluster's with secrets masked, never a secret.

/** One value of the config the design asks for: `value` is what Connect gets (server-side only), `shown` is what people see. */
export interface DesiredValue {
  value: string;
  shown: string;
  /** Holds a stored secret or a cluster credential: its cluster value is never shown either. */
  secret: boolean;
}

/** A connector node as the server resolved it (secrets opened, MirrorMaker's connection settings filled). Server-side only. */
export interface DesiredConnector {
  nodeId: string;
  name: string;
  /** The Connect cluster's name ("" when none could be chosen: see refusals). */
  connect: string;
  type: "source" | "sink";
  className: string;
  config: Record<string, DesiredValue>;
  deleteOnApply: boolean;
  /** Why it cannot be applied, found while resolving it (unknown Connect or source cluster, a secret not set). */
  refusals: string[];
  /** MirrorMaker 2: the Topiary cluster it replicates from (apply checks the user may read it). */
  sourceClusterId?: string;
  sourceClusterName?: string;
}

export interface LiveConnector {
  name: string;
  type: ConnectorType;
  /** As Connect stores it (with `name`). Server-side only. */
  config: Record<string, string>;
  state: ConnectorState | null;
  /** The plugin's PASSWORD keys: their values are never shown. */
  passwordKeys: string[];
}

/** A Connect cluster as the plan read it. */
export interface ConnectLive {
  name: string;
  /** Why it could not be read; null when it answered. */
  error: string | null;
  plugins: ConnectPlugin[];
  connectors: LiveConnector[];
}

/** One key of a connector's config: before (the cluster's, masked when secret) → after (the design's, secrets as references). */
export interface KeyChange {
  key: string;
  /** null: not set on the cluster. */
  before: string | null;
  /** null: removed (the design does not set it). */
  after: string | null;
}

export type ConnectorChange =
  | { kind: "createConnector"; nodeId: string; connector: string; connect: string; className: string; keys: KeyChange[] }
  | { kind: "updateConnector"; nodeId: string; connector: string; connect: string; keys: KeyChange[] }
  | { kind: "deleteConnector"; nodeId: string; connector: string; connect: string };

export type ConnectorPlanStatus = "create" | "update" | "in-sync" | "delete" | "refused" | "invalid";

export interface ConnectorPlan {
  nodeId: string;
  connector: string;
  connect: string;
  type: "source" | "sink";
  className: string;
  status: ConnectorPlanStatus;
  change: ConnectorChange | null;
  refusals: string[];
  warnings: string[];
  /** The cluster's state of the connector, when it exists. */
  state: ConnectorState | null;
}

export interface ConnectorPlanPart {
  connectors: ConnectorPlan[];
  /** Connectors on the design's Connect clusters that it does not describe: listed, never touched. */
  unmanaged: { connect: string; name: string }[];
  changes: ConnectorChange[];
  /** Connector names that need to be typed to confirm their deletion. */
  deletions: string[];
  hash: string;
}

export function describeConnectorChange(c: ConnectorChange): string {
  switch (c.kind) {
    case "createConnector":
      return `create connector ${c.connector} on ${c.connect} (${c.keys.length} key${c.keys.length === 1 ? "" : "s"})`;
    case "updateConnector":
      return `connector ${c.connector}: ${c.keys.map((k) => `${k.key} ${k.before ?? "(not set)"} → ${k.after ?? "(removed)"}`).join(", ")}`;
    case "deleteConnector":
      return `delete connector ${c.connector} on ${c.connect}`;
  }
}
