import "server-only";
import { z } from "zod";
import { designIdSchema } from "@/lib/designs/design-inputs";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { guardedQuery } from "@/server/guard/guarded-query";
import { getDesign, listDesigns } from "./manage-design";

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute).
const read = { permission: "designs:read" } as const;
const byId = z.object({ id: designIdSchema });
const revisionNumber = z.coerce.number().int().min(1);

export const listDesignsDef = { name: "listDesigns", input: z.object({}), ...read } satisfies GuardDefinition<z.ZodType>;
export const designByIdDef = { name: "getDesign", input: byId, ...read } satisfies GuardDefinition<typeof byId>;
export const revisionsDef = { name: "listRevisions", input: byId, ...read } satisfies GuardDefinition<typeof byId>;

const revisionInput = byId.extend({ number: revisionNumber });
export const revisionDef = { name: "getRevision", input: revisionInput, ...read } satisfies GuardDefinition<typeof revisionInput>;

const compareInput = byId.extend({ from: revisionNumber, to: revisionNumber });
export const compareDef = { name: "compareRevisions", input: compareInput, ...read } satisfies GuardDefinition<typeof compareInput>;

export const listDesignsQuery = guardedQuery(listDesignsDef, () => listDesigns());
export const getDesignQuery = guardedQuery(designByIdDef, ({ id }) => getDesign(id));
