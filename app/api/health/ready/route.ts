import { z } from "zod";
import { guardedRoute } from "@/server/guard/guarded-route";
import { readiness } from "@/server/health/readiness";

export const dynamic = "force-dynamic";
// Readiness for a load balancer (server/health/readiness.ts): 200 when this instance should get traffic, 503 when
// not (its store is unreachable, or it is shutting down), with the store, the sampler leases and each cluster's
// last sample in the body either way. /api/health stays the cheap liveness answer.
export const GET = guardedRoute({ name: "readiness", input: z.object({}), permission: "public" }, async () => {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});
