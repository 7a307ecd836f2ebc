import { z } from "zod";

// A Kafka Connect connector as a design node (issue 14, item 5): a source writes the topics its edges lead to,
// a sink reads the topics whose edges lead to it. Its configuration is Connect's, as typed; secrets never live
// here: a value refers to one held in Topiary's encrypted store of the bound cluster as ${secret:name}, resolved
// at apply (server/connect/connect-secrets.ts).

export const CONNECTOR_KINDS = ["sourceConnector", "sinkConnector"] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

const text = (max: number) => z.string().max(max, `At most ${max} characters`);

export const connectorDataSchema = z.object({
  /** The connector's name on Connect. */
  name: text(249).default(""),
  /** The Connect cluster (by its name among the bound Kafka cluster's); "" means its only one. */
  connectCluster: text(64).default(""),
  /** connector.class: a plugin's class or alias. */
  connectorClass: text(500).default(""),
  /** Every other key, as Connect takes it; secrets as ${secret:name}. Sinks' `topics` come from their edges. */
  config: z.record(text(500), text(100_000)).default({}),
  description: text(4000).default(""),
  /** Deleted from Connect on apply (after its name is typed to confirm). */
  deleteOnApply: z.boolean().default(false),
  /**
   * MirrorMaker 2 (item 8): the Topiary cluster (its name) the connector replicates from. Its bootstrap servers and
   * credentials are filled from Topiary's store at apply, never written here.
   */
  sourceCluster: text(120).default(""),
});

export type ConnectorData = z.output<typeof connectorDataSchema>;
