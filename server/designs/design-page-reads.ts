import "server-only";
import { z } from "zod";
import { designIdSchema } from "@/lib/designs/design-inputs";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { guardedQuery } from "@/server/guard/guarded-query";
import { boundClusterOf } from "./design-cluster";
import { getDesign, listDesigns } from "./manage-design";

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute).
const read = { permission: "designs:read" } as const;
/** Reading a design bound to a cluster needs a role on that cluster. */
const onBound = { clusterId: (i: { id: string }) => boundClusterOf(i.id) };
const byId = z.object({ id: designIdSchema });
const revisionNumber = z.coerce.number().int().min(1);

export const listDesignsDef = { name: "listDesigns", input: z.object({}), ...read } satisfies GuardDefinition<z.ZodType>;
export const designByIdDef = { name: "getDesign", input: byId, ...read, ...onBound } satisfies GuardDefinition<typeof byId>;
export const revisionsDef = { name: "listRevisions", input: byId, ...read, ...onBound } satisfies GuardDefinition<typeof byId>;

const revisionInput = byId.extend({ number: revisionNumber });
export const revisionDef = { name: "getRevision", input: revisionInput, ...read, ...onBound } satisfies GuardDefinition<typeof revisionInput>;

const compareInput = byId.extend({ from: revisionNumber, to: revisionNumber });
export const compareDef = { name: "compareRevisions", input: compareInput, ...read, ...onBound } satisfies GuardDefinition<typeof compareInput>;

export const listDesignsQuery = guardedQuery(listDesignsDef, (_, { principal }) => listDesigns(principal));
export const getDesignQuery = guardedQuery(designByIdDef, ({ id }) => getDesign(id));
