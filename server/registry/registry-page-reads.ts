import "server-only";
import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { subjectRouteSchema, subjectsRouteSchema, versionRouteSchema } from "@/lib/registry/registry-schemas";
import { guardedQuery } from "@/server/guard/guarded-query";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { registryStatus } from "./registry-reads";

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute). Subjects and schemas are
// metadata: registry:read (viewer).

const byCluster = z.object({ id: clusterIdSchema });
export const registryStatusDef: GuardDefinition<typeof byCluster, string> = { name: "registryStatus", input: byCluster, permission: "registry:read", clusterId: (i) => i.id };
export const subjectsDef: GuardDefinition<typeof subjectsRouteSchema, string> = { name: "listSubjects", input: subjectsRouteSchema, permission: "registry:read", clusterId: (i) => i.id };
export const subjectDef: GuardDefinition<typeof subjectRouteSchema, string> = { name: "describeSubject", input: subjectRouteSchema, permission: "registry:read", clusterId: (i) => i.id };
export const versionDef: GuardDefinition<typeof versionRouteSchema, string> = { name: "schemaVersion", input: versionRouteSchema, permission: "registry:read", clusterId: (i) => i.id };

/** The registry page's head for the server-rendered page: settings (no secret) and whether it answers. */
export const registryStatusQuery = guardedQuery(registryStatusDef, async (_, { cluster }) => registryStatus(cluster.id));
