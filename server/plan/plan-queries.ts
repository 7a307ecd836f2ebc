import "server-only";
import { z } from "zod";
import { designIdSchema } from "@/lib/designs/design-inputs";
import { prisma } from "@/server/db/prisma";
import type { GuardDefinition } from "@/server/guard/run-guarded";

const byDesign = z.object({ id: designIdSchema });

/** The design's bound cluster, so the guard authorizes (and loads) it. */
const boundClusterOf = async (i: { id: string }) => (await prisma.design.findUnique({ where: { id: i.id }, select: { clusterId: true } }))?.clusterId;

export const planDef = { name: "planDesign", input: byDesign, permission: "designs:read", clusterId: boundClusterOf } satisfies GuardDefinition<typeof byDesign>;
export const driftDef = { ...planDef, name: "designDrift" } satisfies GuardDefinition<typeof byDesign>;

const runsInput = z.object({ designId: designIdSchema.optional() });
export const applyRunsDef = { name: "listApplyRuns", input: runsInput, permission: "designs:read" } satisfies GuardDefinition<typeof runsInput>;
const runInput = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const applyRunDef = { name: "getApplyRun", input: runInput, permission: "designs:read" } satisfies GuardDefinition<typeof runInput>;
