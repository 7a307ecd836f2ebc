import { z } from "zod";
import { guardedRoute } from "@/server/guard/guarded-route";
import { lagMetricsText } from "@/server/lag/lag-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint: per group, topic and partition lag, and group status, of every cluster. */
export const GET = guardedRoute({ name: "lagMetrics", input: z.object({}), permission: "clusters:read" }, async () =>
  new Response(await lagMetricsText(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } }),
);
