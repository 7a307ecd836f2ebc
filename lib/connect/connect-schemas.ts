import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { serviceUrlSchema } from "@/lib/net/service-url-schema";

// Inputs of the Connect actions and routes, checked by the guarded path before anything reaches Connect.

export const connectIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a Connect cluster id");

export const connectClusterNameSchema = z
  .string()
  .trim()
  .min(1, "Give the Connect cluster a name")
  .max(64, "A name has at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "Use letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");

/** A Connect REST base URL: http(s), host and optional port and path; credentials go in their own fields. */
export const connectUrlSchema = serviceUrlSchema({ prompt: "Enter the Connect REST URL, e.g. http://connect:8083", shape: "http://host:8083", served: "Kafka Connect's REST API" });

export const connectClusterValuesSchema = z.object({
  name: connectClusterNameSchema,
  url: connectUrlSchema,
  username: z.string().trim().max(256).nullable().default(null).transform((v) => v || null),
  /** Write-only: blank keeps the stored password when editing; `clearPassword` removes it. */
  password: z.string().max(1024).optional(),
  clearPassword: z.boolean().default(false),
});
export type ConnectClusterInput = z.input<typeof connectClusterValuesSchema>;
export type ConnectClusterValues = z.output<typeof connectClusterValuesSchema>;

export const createConnectClusterInputSchema = connectClusterValuesSchema.extend({ clusterId: clusterIdSchema });
export const updateConnectClusterInputSchema = connectClusterValuesSchema.extend({ clusterId: clusterIdSchema, connectId: connectIdSchema });
export const deleteConnectClusterInputSchema = z.object({ clusterId: clusterIdSchema, connectId: connectIdSchema, confirmName: z.string() });
export type CreateConnectClusterInput = z.input<typeof createConnectClusterInputSchema>;
export type UpdateConnectClusterInput = z.input<typeof updateConnectClusterInputSchema>;

/**
 * A connector's name as it goes into a REST path: Connect trims names and refuses control characters; a '/'
 * could not be addressed in `/connectors/{name}` at all.
 */
export const connectorNameSchema = z
  .string()
  .min(1, "Give the connector a name")
  .max(249, "A connector name has at most 249 characters")
  .refine((v) => v.trim() === v, "A connector name cannot start or end with spaces")
  .refine((v) => !/[\u0000-\u001f\u007f/\\]/.test(v), "A connector name cannot hold control characters, '/' or '\\'");

/** A connector configuration: string keys to string values, as Connect stores it. */
export const connectorConfigSchema = z
  .record(z.string().min(1).max(500), z.string().max(100_000))
  .refine((c) => Object.keys(c).length <= 1000, "At most 1,000 configuration keys");

const connectorRef = { clusterId: clusterIdSchema, connectId: connectIdSchema, name: connectorNameSchema };
export const connectorRefSchema = z.object(connectorRef);
export type ConnectorRef = z.infer<typeof connectorRefSchema>;

export const restartConnectorInputSchema = z.object({
  ...connectorRef,
  /** KIP-745: restart the connector and its tasks in one call; with onlyFailed, only the FAILED instances. */
  includeTasks: z.boolean().default(true),
  onlyFailed: z.boolean().default(true),
});
export const restartTaskInputSchema = z.object({ ...connectorRef, task: z.number().int().min(0).max(100_000) });
export const deleteConnectorInputSchema = z.object({ ...connectorRef, confirmName: z.string() });

export const saveConnectorInputSchema = z.object({
  ...connectorRef,
  config: connectorConfigSchema,
  /** "create" refuses a name that exists; "update" refuses one that does not (PUT /connectors/{name}/config does both). */
  mode: z.enum(["create", "update"]),
});
export type SaveConnectorInput = z.input<typeof saveConnectorInputSchema>;

export const validateConnectorInputSchema = z.object({
  clusterId: clusterIdSchema,
  connectId: connectIdSchema,
  config: connectorConfigSchema,
  /** The connector's name (validated as the config's `name`). */
  name: connectorNameSchema.optional(),
  /** Editing the connector `name`: its stored secrets fill the values left masked. */
  existing: z.boolean().default(false),
});
export type ValidateConnectorInput = z.input<typeof validateConnectorInputSchema>;

/** A plugin's class (or alias) as it goes into `/connector-plugins/{class}/…`. */
export const pluginClassSchema = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[A-Za-z_$][A-Za-z0-9_$.]*$/, "Not a Java class name");

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A connector name or plugin class from a URL segment (pages and routes encode them; a client may not). */
export const connectorParamSchema = z.string().max(2000).transform(decodeSegment).pipe(connectorNameSchema);
export const pluginParamSchema = z.string().max(2000).transform(decodeSegment).pipe(pluginClassSchema);

/** Route params: the Kafka cluster (`id`, as every cluster route names it) and the Connect cluster. */
export const connectRouteSchema = z.object({ id: clusterIdSchema, connectId: connectIdSchema });
export const connectorRouteSchema = connectRouteSchema.extend({ name: connectorParamSchema });
export const pluginRouteSchema = connectRouteSchema.extend({ plugin: pluginParamSchema });

/** The testing of a Connect cluster's settings before saving (blank password: the stored one, when editing). */
export const testConnectClusterInputSchema = connectClusterValuesSchema.extend({ clusterId: clusterIdSchema, connectId: connectIdSchema.optional() });
