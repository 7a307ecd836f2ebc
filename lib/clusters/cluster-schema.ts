import { z } from "zod";
import { formatBootstrapServers, parseBootstrapServers } from "./bootstrap-servers";

export const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export const clusterNameSchema = z
  .string()
  .trim()
  .min(1, "Give the cluster a name")
  .max(64, "A cluster name has at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "Use letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");

export const bootstrapServersSchema = z
  .string()
  .max(4000, "The bootstrap list is too long")
  .transform((value, ctx) => {
    const parsed = parseBootstrapServers(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return formatBootstrapServers(parsed.value);
  });

const pem = z.string().max(20_000, "PEM text is too long (20,000 characters at most)");

/**
 * Connection settings of a cluster, as sent by the form. Secrets (SASL password, TLS key) are write-only:
 * when editing, an empty value means "keep the stored one"; `clearSecrets` removes them.
 */
export const clusterConnectionSchema = z
  .object({
    bootstrapServers: bootstrapServersSchema,
    tls: z
      .object({
        enabled: z.boolean().default(false),
        rejectUnauthorized: z.boolean().default(true),
        ca: pem.optional(),
        cert: pem.optional(),
        key: pem.optional(),
      })
      .default({ enabled: false, rejectUnauthorized: true }),
    sasl: z
      .object({
        mechanism: z.enum(SASL_MECHANISMS),
        username: z.string().min(1, "Enter the SASL user name").max(256),
        password: z.string().max(1024).optional(),
      })
      .nullable()
      .default(null),
  })
  .superRefine((v, ctx) => {
    if (v.tls.cert && !v.tls.key) ctx.addIssue({ code: "custom", path: ["tls", "key"], message: "A client certificate needs its key" });
  });

export const clusterInputSchema = z.object({
  name: clusterNameSchema,
  readOnly: z.boolean().default(false),
  connection: clusterConnectionSchema,
});
export type ClusterInput = z.input<typeof clusterInputSchema>;
export type ClusterValues = z.output<typeof clusterInputSchema>;

export const clusterIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a cluster id");

export const updateClusterInputSchema = clusterInputSchema.extend({ id: clusterIdSchema });
export type UpdateClusterInput = z.input<typeof updateClusterInputSchema>;

/** Testing a connection from the form: either unsaved settings or (when editing) those merged with a stored cluster. */
export const testConnectionInputSchema = z.object({
  clusterId: clusterIdSchema.optional(),
  connection: clusterConnectionSchema,
});
export type TestConnectionInput = z.input<typeof testConnectionInputSchema>;

/** What the browser may see of a cluster: never a secret, only whether one is stored. */
export interface ClusterView {
  id: string;
  name: string;
  bootstrapServers: string;
  readOnly: boolean;
  tls: { enabled: boolean; rejectUnauthorized: boolean; ca: string | null; cert: string | null; hasKey: boolean };
  sasl: { mechanism: SaslMechanism; username: string; hasPassword: boolean } | null;
  createdAt: string;
  updatedAt: string;
}
