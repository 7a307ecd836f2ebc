import { guardedRoute } from "@/server/guard/guarded-route";
import { registryStatusDef } from "@/server/registry/registry-page-reads";
import { registryStatus } from "@/server/registry/registry-reads";

export const dynamic = "force-dynamic";
/** The cluster's Schema Registry settings (no secret) and its global compatibility level and mode, or why it did not answer. */
export const GET = guardedRoute(registryStatusDef, async (_, { cluster }) => registryStatus(cluster.id));
