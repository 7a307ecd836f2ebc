import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { describeHttpFailure, webhookOrigin, webhookRetryDelayMs, type WebhookPayload } from "@/lib/lag/webhook-delivery";
import type { Prisma } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { webhookUrlRefusal } from "@/server/net/check-address-policy";

// Alert webhooks: each pending delivery is POSTed as JSON; a failure is kept on the row (error, status) and
// tried again later with backoff, until the last attempt marks it failed. One run at a time per process; a
// timer wakes the next run when the earliest retry is due, and new deliveries start a run at once. The
// webhook address may carry a token: only its origin is ever logged or shown.

const TIMEOUT_MS = 5000;
const CONCURRENCY = 4;
const BATCH = 50;
/** A run stops after this many rounds even if more became due (each round attempts every due delivery). */
const MAX_ROUNDS = 20;

/** The first wait before a retry (ms); the later ones are multiples of it. TOPIARY_WEBHOOK_BACKOFF_MS. */
export function webhookBackoffBaseMs(): number {
  const n = Number(process.env.TOPIARY_WEBHOOK_BACKOFF_MS);
  return Number.isFinite(n) && n >= 1 && n <= 3_600_000 ? Math.floor(n) : 5000;
}

interface WebhookGlobals {
  running: Promise<void> | null;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}
// On globalThis: Next may load this module more than once in one process (instrumentation and routes).
const g = globalThis as unknown as { topiaryWebhooks?: WebhookGlobals };
const loop: WebhookGlobals = (g.topiaryWebhooks ??= { running: null, again: false, timer: null });

/** Starts a delivery run now (or right after the one in flight), without waiting for it. */
export function kickWebhookDelivery(): void {
  deliverPendingWebhooks().catch((e) => logger.error("webhook delivery failed", { error: e }));
}

/** Delivers every due delivery; resolves when the run (and any run asked for meanwhile) is over. */
export function deliverPendingWebhooks(): Promise<void> {
  if (loop.running) {
    loop.again = true;
    return loop.running;
  }
  loop.running = (async () => {
    try {
      do {
        loop.again = false;
        await deliverDue();
      } while (loop.again);
    } finally {
      loop.running = null;
      await scheduleNext().catch((e) => logger.error("webhook scheduling failed", { error: e }));
    }
  })();
  return loop.running;
}

const withRule = { event: { include: { rule: { include: { cluster: { select: { id: true, name: true } } } } } } } satisfies Prisma.WebhookDeliveryInclude;
type DueDelivery = Prisma.WebhookDeliveryGetPayload<{ include: typeof withRule }>;

async function deliverDue(): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await prisma.webhookDelivery.findMany({
      where: {
        status: "pending",
        OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date() } }],
        // A resolving waits for its firing's delivery to end, so the receiver hears them in order.
        NOT: { transition: "resolved", event: { deliveries: { some: { transition: "firing", status: "pending" } } } },
      },
      include: withRule,
      orderBy: { createdAt: "asc" },
      take: BATCH,
    });
    if (!due.length) return;
    await mapLimit(due, CONCURRENCY, (d) => attempt(d).catch((e) => logger.error("webhook attempt failed", { deliveryId: d.id, error: e })));
  }
}

/** The timer for the earliest retry that is waiting (none when nothing waits). Unref'd: it never holds the process open. */
async function scheduleNext(): Promise<void> {
  if (loop.timer) clearTimeout(loop.timer);
  loop.timer = null;
  const next = await prisma.webhookDelivery.findFirst({
    where: { status: "pending", nextAttemptAt: { not: null } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  if (!next?.nextAttemptAt) return;
  const wait = Math.min(Math.max(next.nextAttemptAt.getTime() - Date.now(), 20), 60_000);
  loop.timer = setTimeout(kickWebhookDelivery, wait);
  loop.timer.unref?.();
}

function payloadOf(d: DueDelivery): WebhookPayload {
  const { event } = d;
  return {
    rule: { id: event.rule.id, name: event.rule.name, kind: event.rule.kind },
    cluster: { id: event.rule.cluster.id, name: event.rule.cluster.name },
    group: event.groupId,
    state: d.transition === "resolved" ? "resolved" : "firing",
    message: event.message,
    firedAt: event.firedAt.toISOString(),
    resolvedAt: event.resolvedAt?.toISOString() ?? null,
  };
}

async function attempt(d: DueDelivery): Promise<void> {
  const url = d.event.rule.webhookUrl;
  if (!url) {
    await prisma.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending" },
      data: { status: "failed", lastError: "The rule no longer has a webhook.", nextAttemptAt: null },
    });
    return;
  }
  const attempts = d.attempts + 1;
  const outcome = await post(url, payloadOf(d));
  if (outcome.ok) {
    await prisma.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending" },
      data: { status: "delivered", attempts, lastStatus: outcome.status, lastError: null, nextAttemptAt: null, deliveredAt: new Date() },
    });
    return;
  }
  const wait = webhookRetryDelayMs(attempts, webhookBackoffBaseMs());
  await prisma.webhookDelivery.updateMany({
    where: { id: d.id, status: "pending" },
    data: {
      status: wait === null ? "failed" : "pending",
      attempts,
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: wait === null ? null : new Date(Date.now() + wait),
    },
  });
  const fields = { deliveryId: d.id, rule: d.event.rule.name, to: webhookOrigin(url), attempts, error: outcome.error };
  if (wait === null) logger.warn("webhook delivery failed for good", fields);
  else logger.info("webhook delivery failed, will retry", { ...fields, retryInMs: wait });
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(url: string, payload: WebhookPayload): Promise<Outcome> {
  try {
    // Checked again before every attempt: the policy may have changed, or the name may resolve elsewhere now.
    const refused = await webhookUrlRefusal(url);
    if (refused) return { ok: false, status: null, error: scrub(`Not sent: ${refused}`, url) };
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Topiary" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: "no-store",
      // A redirect is a failed delivery, never followed: it could lead to an address the policy refuses.
      redirect: "manual",
    });
    if (res.ok) {
      await res.body?.cancel().catch(() => {});
      return { ok: true, status: res.status };
    }
    const body = await res.text().catch(() => "");
    return { ok: false, status: res.status, error: scrub(describeHttpFailure(res.status, res.statusText, body), url) };
  } catch (e) {
    return { ok: false, status: null, error: scrub(describeFetchError(e), url) };
  }
}

function describeFetchError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return `No answer within ${TIMEOUT_MS / 1000} s`;
  const cause = err?.cause?.message || err?.cause?.code;
  return cause ? `Could not reach the webhook: ${cause}` : `Could not reach the webhook: ${err?.message ?? String(e)}`;
}

/** An error text without the webhook's path or query (where tokens live). */
function scrub(text: string, url: string): string {
  let out = text.split(url).join(webhookOrigin(url) ?? "");
  try {
    const { pathname, search } = new URL(url);
    if (pathname.length > 1) out = out.split(pathname + search).join("/…");
  } catch {
    // not a URL: nothing more to hide
  }
  return out.slice(0, 500);
}
