import { z } from "zod";
import { designIdSchema } from "../designs/design-inputs";
import { CONNECTOR_KINDS, connectorDataSchema } from "../designs/connector-data";

// Validation while drawing (issue 14, item 5): the connector node's fields sent to the bound cluster's Connect,
// its answer per properties-panel field. Never a value: only errors (secrets cut out) and the plugin's key
// definitions (for suggesting keys, with their docs and defaults).

export const validateDesignConnectorInputSchema = z.object({
  designId: designIdSchema,
  node: z.object({ kind: z.enum(CONNECTOR_KINDS), data: connectorDataSchema }),
  /** The names of the topics its edges read and write (the design may not be saved yet). */
  topics: z.object({ reads: z.array(z.string().max(300)).max(1000), writes: z.array(z.string().max(300)).max(1000) }),
});
export type ValidateDesignConnectorInput = z.input<typeof validateDesignConnectorInputSchema>;

export interface ConnectorKeyDefinition {
  name: string;
  type: string;
  required: boolean;
  defaultValue: string | null;
  documentation: string | null;
  group: string | null;
}

export interface DesignConnectorValidation {
  /** The Connect cluster that checked it; null when none did. */
  connect: string | null;
  /** Why Connect did not check it (unbound design, no Connect cluster, no plugin chosen, Connect down). */
  unavailable: string | null;
  pluginType: "source" | "sink" | "unknown" | null;
  /** Per properties-panel field ("name", "connectorClass", "connectCluster", "sourceCluster", "topics", "config.<key>"). */
  errors: Record<string, string>;
  keys: ConnectorKeyDefinition[];
}
