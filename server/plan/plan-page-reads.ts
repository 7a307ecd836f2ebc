import "server-only";
import { z } from "zod";
import { designIdSchema } from "@/lib/designs/design-inputs";
import { boundClusterOf } from "@/server/designs/design-cluster";
import type { GuardDefinition } from "@/server/guard/run-guarded";

const byDesign = z.object({ id: designIdSchema });

/** The design's bound cluster, so the guard authorizes (and loads) it. */
const onBound = (i: { id: string }) => boundClusterOf(i.id);

/** Planning is an editor's step (the README's roles): it reads every topic's configuration from the cluster. */
export const planDef = { name: "planDesign", input: byDesign, permission: "designs:write", clusterId: onBound } satisfies GuardDefinition<typeof byDesign>;
/** Drift on the canvas is part of reading a design: whoever may open it sees it. */
export const driftDef = { ...planDef, name: "designDrift", permission: "designs:read" } satisfies GuardDefinition<typeof byDesign>;

const runsInput = z.object({ designId: designIdSchema.optional() });
export const applyRunsDef = { name: "listApplyRuns", input: runsInput, permission: "designs:read" } satisfies GuardDefinition<typeof runsInput>;
const runInput = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const applyRunDef = { name: "getApplyRun", input: runInput, permission: "designs:read" } satisfies GuardDefinition<typeof runInput>;
