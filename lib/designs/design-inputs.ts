import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import { MAX_SET_CHARS, MAX_SET_FILES } from "./asyncapi-file-set";
import { designNameSchema, layoutSchema, topologySchema } from "./design-schema";

// Inputs of the design actions, validated on the server (and usable in the browser for early feedback).

export const designIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a design id");

export const createDesignInputSchema = z.object({
  name: designNameSchema,
  /** "blank", the starter "example", or a given topology (an imported file). */
  from: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("blank") }),
    z.object({ kind: z.literal("example") }),
    z.object({ kind: z.literal("topology"), topology: topologySchema, layout: layoutSchema.optional() }),
  ]),
  clusterId: clusterIdSchema.nullable().default(null),
});

export const saveTopologyInputSchema = z.object({
  id: designIdSchema,
  /** The version this edit started from: a save from a stale tab is refused with CONFLICT. */
  baseVersion: z.number().int().min(1),
  topology: topologySchema,
});

export const saveLayoutInputSchema = z.object({ id: designIdSchema, layout: layoutSchema });
export const renameDesignInputSchema = z.object({ id: designIdSchema, name: designNameSchema });
export const duplicateDesignInputSchema = z.object({ id: designIdSchema, name: designNameSchema.optional() });
export const deleteDesignInputSchema = z.object({ id: designIdSchema, confirmName: z.string().max(200) });
export const bindDesignInputSchema = z.object({ id: designIdSchema, clusterId: clusterIdSchema.nullable() });
export const restoreRevisionInputSchema = z.object({ id: designIdSchema, number: z.number().int().min(1), baseVersion: z.number().int().min(1) });
export const importDesignFileInputSchema = z.object({
  fileName: z.string().max(255).default("design.json"),
  text: z.string().min(1, "The file is empty").max(2_000_000, "The file is larger than 2 MB"),
  /** The name to import it under when the file's own is taken (the user's answer to CONFLICT). */
  name: designNameSchema.optional(),
});
export const importDesignFilesInputSchema = z.object({
  /** The files of a folder or a .zip, with their paths inside it ("api/asyncapi.yaml", "api/schemas/order.avsc"). */
  files: z
    .array(z.object({ path: z.string().min(1).max(500), text: z.string().max(MAX_SET_CHARS) }))
    .min(1, "No file was given")
    .max(MAX_SET_FILES, `At most ${MAX_SET_FILES} files can be imported together`),
  name: designNameSchema.optional(),
});
