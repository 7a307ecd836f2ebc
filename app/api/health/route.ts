import { z } from "zod";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
// Liveness for a load balancer, scripts and tests: answers once the server is up, without touching the store or
// Kafka (a process that answers is alive). Whether it should get traffic is /api/health/ready.
export const GET = guardedRoute({ name: "health", input: z.object({}), permission: "public" }, async () => ({ ok: true }));
