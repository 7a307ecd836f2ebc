import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { describeHttpFailure, webhookOrigin, webhookRetryDelayMs, type WebhookPayload } from "@/lib/alerts/webhook-delivery";
import type { Prisma } from "@/prisma/generated/client";
import { webhookBackoffBaseMs } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { AddressRefusedError, guardedRequest } from "@/server/net/guarded-connect";
import { instanceId } from "@/server/groups/sampler-lease";

// Alert webhooks: each pending delivery is POSTed as JSON; a failure is kept on the row (error, status) and
// tried again later with backoff, until the last attempt marks it failed. One run at a time per process; a
// timer wakes the next run when the earliest retry is due, new deliveries start a run at once, and a sweep every
// half minute picks up what another instance left (it stopped, or died). Every instance may deliver: a delivery
// is claimed row by row before its POST (claimedBy, claimedUntil, in one conditional update), so two instances
// never POST the same one; a claim left by an instance that died runs out and the delivery is tried again (at
// least once, never twice at the same time). The webhook address may carry a token: only its origin is ever
// logged or shown.

const TIMEOUT_MS = 5000;
const CONCURRENCY = 4;
const BATCH = 50;
/** A run stops after this many rounds even if more became due (each round attempts every due delivery). */
const MAX_ROUNDS = 20;
/** How long a claim holds: the POST's timeout and room to record its outcome. */
const CLAIM_MS = TIMEOUT_MS + 25_000;
const SWEEP_MS = 30_000;


interface WebhookGlobals {
  running: Promise<void> | null;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  sweep: ReturnType<typeof setInterval> | null;
  stopped: boolean;
}
// On globalThis: Next may load this module more than once in one process (instrumentation and routes).
const g = globalThis as unknown as { topiaryWebhooks?: WebhookGlobals };
const loop: WebhookGlobals = (g.topiaryWebhooks ??= { running: null, again: false, timer: null, sweep: null, stopped: false });

/** Delivers what is pending now (left by a previous run or another instance), and sweeps every half minute. */
export function startWebhookSweep(): void {
  loop.stopped = false;
  kickWebhookDelivery();
  if (loop.sweep) return;
  loop.sweep = setInterval(kickWebhookDelivery, SWEEP_MS);
  loop.sweep.unref?.();
}

/** Takes no new deliveries (shutdown): the ones being POSTed finish; their claims end with them. */
export async function stopWebhookDelivery(): Promise<void> {
  loop.stopped = true;
  if (loop.sweep) clearInterval(loop.sweep);
  if (loop.timer) clearTimeout(loop.timer);
  loop.sweep = null;
  loop.timer = null;
  await loop.running?.catch(() => {});
}

/** Starts a delivery run now (or right after the one in flight), without waiting for it. */
export function kickWebhookDelivery(): void {
  deliverPendingWebhooks().catch((e) => logger.error("webhook delivery failed", { error: e }));
}

/** Delivers every due delivery; resolves when the run (and any run asked for meanwhile) is over. */
export function deliverPendingWebhooks(): Promise<void> {
  if (loop.stopped) return Promise.resolve();
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
      if (!loop.stopped) await scheduleNext().catch((e) => logger.error("webhook scheduling failed", { error: e }));
    }
  })();
  return loop.running;
}

const withRule = { event: { include: { rule: { include: { cluster: { select: { id: true, name: true } } } } } } } satisfies Prisma.WebhookDeliveryInclude;
type DueDelivery = Prisma.WebhookDeliveryGetPayload<{ include: typeof withRule }>;

async function deliverDue(): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS && !loop.stopped; round++) {
    const now = new Date();
    const due = await prisma.webhookDelivery.findMany({
      where: {
        status: "pending",
        AND: [
          { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
          { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        ],
        // A resolving waits for its firing's delivery to end, so the receiver hears them in order.
        NOT: { transition: "resolved", event: { deliveries: { some: { transition: "firing", status: "pending" } } } },
      },
      include: withRule,
      orderBy: { createdAt: "asc" },
      take: BATCH,
    });
    if (!due.length) return;
    await mapLimit(due, CONCURRENCY, async (d) => {
      if (!(await claim(d.id))) return; // another instance has it
      await attempt(d).catch((e) => logger.error("webhook attempt failed", { deliveryId: d.id, error: e }));
    });
  }
}

/** Claims a pending delivery for this instance: true when it is now ours to POST. */
async function claim(id: string): Promise<boolean> {
  const now = new Date();
  const r = await prisma.webhookDelivery.updateMany({
    where: { id, status: "pending", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedBy: instanceId(), claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  return r.count === 1;
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
    // A conformance rule's event is about a topic, kept in the group column.
    ...(event.rule.kind === "conformance" ? { group: "", topic: event.groupId } : { group: event.groupId }),
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
      where: { id: d.id, status: "pending", claimedBy: instanceId() },
      data: { status: "failed", lastError: "The rule no longer has a webhook.", nextAttemptAt: null, ...unclaimed },
    });
    return;
  }
  const attempts = d.attempts + 1;
  const outcome = await post(url, payloadOf(d));
  if (outcome.ok) {
    await prisma.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending", claimedBy: instanceId() },
      data: { status: "delivered", attempts, lastStatus: outcome.status, lastError: null, nextAttemptAt: null, deliveredAt: new Date(), ...unclaimed },
    });
    return;
  }
  const wait = webhookRetryDelayMs(attempts, webhookBackoffBaseMs());
  await prisma.webhookDelivery.updateMany({
    where: { id: d.id, status: "pending", claimedBy: instanceId() },
    data: {
      status: wait === null ? "failed" : "pending",
      attempts,
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: wait === null ? null : new Date(Date.now() + wait),
      ...unclaimed,
    },
  });
  const fields = { deliveryId: d.id, rule: d.event.rule.name, to: webhookOrigin(url), attempts, error: outcome.error };
  if (wait === null) logger.warn("webhook delivery failed for good", fields);
  else logger.info("webhook delivery failed, will retry", { ...fields, retryInMs: wait });
}

const unclaimed = { claimedBy: null, claimedUntil: null };

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(url: string, payload: WebhookPayload): Promise<Outcome> {
  try {
    // The policy is checked as the connection opens (guarded-connect.ts): it may have changed since the rule
    // was saved, or the name may resolve elsewhere now.
    const res = await guardedRequest(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Topiary" },
      body: JSON.stringify(payload),
      timeoutMs: TIMEOUT_MS,
      maxBodyBytes: 2000,
    });
    // A redirect is a failed delivery, never followed: it could lead to an address the policy refuses.
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: scrub(describeHttpFailure(res.status, res.statusText, res.body), url) };
  } catch (e) {
    if (e instanceof AddressRefusedError) return { ok: false, status: null, error: scrub(`Not sent: ${e.refusal}`, url) };
    return { ok: false, status: null, error: scrub(describeRequestError(e), url) };
  }
}

function describeRequestError(e: unknown): string {
  const err = e as { name?: string; message?: string; code?: string };
  if (err?.name === "TimeoutError") return `No answer within ${TIMEOUT_MS / 1000} s`;
  return `Could not reach the webhook: ${err?.code ?? err?.message ?? String(e)}`;
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
