import crypto from "node:crypto";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { metricsToken } from "@/server/config";
import { guardedRoute } from "@/server/guard/guarded-route";
import { optionalPrincipal } from "@/server/guard/principal";
import { lagMetricsText } from "@/server/groups/lag-metrics";

export const dynamic = "force-dynamic";

/** A scraper's bearer token (TOPIARY_METRICS_TOKEN), compared in constant time. */
function scraperToken(request: Request): boolean {
  const want = metricsToken();
  const got = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  if (!want || !got) return false;
  const a = Buffer.from(want);
  const b = Buffer.from(got);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint: per group, topic and partition lag, and group status. A scraper authenticates with
 * `Authorization: Bearer $TOPIARY_METRICS_TOKEN` and sees every cluster; a signed-in user sees the clusters they
 * may read. Anyone else gets 401.
 */
export const GET = guardedRoute({ name: "lagMetrics", input: z.object({}), permission: "public" }, async (_, { request }) => {
  let visible: (clusterId: string) => boolean = () => true;
  if (!scraperToken(request)) {
    const principal = await optionalPrincipal(request);
    if (!principal) throw new AppError("UNAUTHENTICATED", { userMessage: "Sign in, or scrape with the metrics token (TOPIARY_METRICS_TOKEN)." });
    visible = (id) => can(principal, "clusters:read", id);
  }
  return new Response(await lagMetricsText(visible), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
});
