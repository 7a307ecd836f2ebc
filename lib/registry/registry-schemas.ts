import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { serviceUrlSchema } from "@/lib/net/service-url-schema";
import { MAX_SCHEMA_CHARS } from "@/lib/contracts/contract-schema";

// Inputs of the Schema Registry actions and routes, checked by the guarded path before anything reaches the
// registry. Names and values follow Confluent's API (subjects, versions, schema types, compatibility, modes).

export const REGISTRY_AUTH_KINDS = ["none", "basic", "bearer"] as const;
export type RegistryAuthKind = (typeof REGISTRY_AUTH_KINDS)[number];

export const REGISTRY_SCHEMA_TYPES = ["AVRO", "PROTOBUF", "JSON"] as const;
export type RegistrySchemaType = (typeof REGISTRY_SCHEMA_TYPES)[number];

export const COMPATIBILITY_LEVELS = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const REGISTRY_MODES = ["READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT"] as const;
export type RegistryMode = (typeof REGISTRY_MODES)[number];

/** A registry base URL: http(s), host, optional port and path; credentials go in their own fields. */
export const registryUrlSchema = serviceUrlSchema({ prompt: "Enter the Schema Registry URL, e.g. http://schema-registry:8081", shape: "http://host:8081", served: "A Schema Registry" });

const registrySettingsFields = z.object({
  url: registryUrlSchema,
  authKind: z.enum(REGISTRY_AUTH_KINDS).default("none"),
  username: z.string().trim().max(256).nullable().default(null).transform((v) => v || null),
  /** Write-only: the password (basic) or token (bearer); blank keeps the stored one when the kind is unchanged. */
  secret: z.string().max(8192).optional(),
});
const basicNeedsUser = (v: { authKind: RegistryAuthKind; username: string | null }, ctx: z.RefinementCtx) => {
  if (v.authKind === "basic" && !v.username) ctx.addIssue({ code: "custom", path: ["username"], message: "Basic auth needs a user name" });
};
export const registrySettingsValuesSchema = registrySettingsFields.superRefine(basicNeedsUser);
export type RegistrySettingsInput = z.input<typeof registrySettingsValuesSchema>;
export type RegistrySettingsValues = z.output<typeof registrySettingsValuesSchema>;

export const saveRegistrySettingsInputSchema = registrySettingsFields.extend({ clusterId: clusterIdSchema }).superRefine(basicNeedsUser);
export type SaveRegistrySettingsInput = z.input<typeof saveRegistrySettingsInputSchema>;
export const removeRegistryInputSchema = z.object({ clusterId: clusterIdSchema, confirmUrl: z.string() });

/** A subject name as it goes into a path: Confluent refuses control characters; anything else is a name. */
export const subjectNameSchema = z
  .string()
  .min(1, "Give the subject a name")
  .max(1000, "A subject name has at most 1,000 characters")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "A subject name cannot hold control characters");

/** "latest" or 1..2^31-1, as Confluent takes a version. */
export const versionSchema = z.union([z.literal("latest"), z.coerce.number().int().min(1).max(2 ** 31 - 1)]);
export type VersionRef = z.output<typeof versionSchema>;

export const schemaReferenceSchema = z.object({
  name: z.string().min(1).max(1000),
  subject: subjectNameSchema,
  version: z.coerce.number().int().min(1).max(2 ** 31 - 1),
});
export type SchemaReference = z.output<typeof schemaReferenceSchema>;

export const schemaTextSchema = z.object({
  schemaType: z.enum(REGISTRY_SCHEMA_TYPES).default("AVRO"),
  schema: z.string().min(1, "Write the schema").max(MAX_SCHEMA_CHARS, `A schema has at most ${MAX_SCHEMA_CHARS.toLocaleString("en")} characters`),
  references: z.array(schemaReferenceSchema).max(100).default([]),
});
export type SchemaText = z.output<typeof schemaTextSchema>;

const subjectRef = { clusterId: clusterIdSchema, subject: subjectNameSchema };
export const registerSchemaInputSchema = schemaTextSchema.extend(subjectRef);
export const checkCompatibilityInputSchema = schemaTextSchema.extend({ ...subjectRef, version: versionSchema.default("latest") });
export const deleteSubjectInputSchema = z.object({ ...subjectRef, permanent: z.boolean().default(false), confirmName: z.string() });
export const deleteVersionInputSchema = z.object({ ...subjectRef, version: z.coerce.number().int().min(1).max(2 ** 31 - 1), permanent: z.boolean().default(false), confirmName: z.string() });
/** null: remove the subject's own setting (the global one applies). */
export const setCompatibilityInputSchema = z.object({ clusterId: clusterIdSchema, subject: subjectNameSchema.nullable(), level: z.enum(COMPATIBILITY_LEVELS).nullable() });
export const setModeInputSchema = z.object({ clusterId: clusterIdSchema, subject: subjectNameSchema.nullable(), mode: z.enum(REGISTRY_MODES).nullable() });
export type RegisterSchemaInput = z.input<typeof registerSchemaInputSchema>;
export type CheckCompatibilityInput = z.input<typeof checkCompatibilityInputSchema>;

/** Route inputs (params and query strings arrive as strings). */
export const subjectsRouteSchema = z.object({
  id: clusterIdSchema,
  search: z.string().max(500).default(""),
  deleted: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
/** A subject from a URL segment (pages and routes encode it; Next may hand it over still encoded). */
const subjectParamSchema = z.string().max(4000).transform(decodeSegment).pipe(subjectNameSchema);
export const subjectRouteSchema = z.object({ id: clusterIdSchema, subject: subjectParamSchema });
export const versionRouteSchema = z.object({ id: clusterIdSchema, subject: subjectParamSchema, version: versionSchema });
