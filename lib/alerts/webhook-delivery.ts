// How alert webhooks are delivered: the JSON body, the retry schedule, and how a webhook address is shown.
// Pure; server/alerts/deliver-webhooks.ts does the POSTs.

/** Attempts before a delivery is marked failed. */
export const WEBHOOK_MAX_ATTEMPTS = 6;

/** Waits between attempts, in units of the base delay (5 s by default: 5 s, 15 s, 45 s, 2 min, 5 min). */
const BACKOFF_STEPS = [1, 3, 9, 24, 60] as const;

/**
 * When to try again after `attempts` failed attempts (ms from now), or null when that was the last one.
 * `baseMs` is the first wait.
 */
export function webhookRetryDelayMs(attempts: number, baseMs: number): number | null {
  if (attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  const step = BACKOFF_STEPS[Math.min(Math.max(attempts, 1), BACKOFF_STEPS.length) - 1];
  return step * baseMs;
}

/**
 * A webhook address as it may be shown: its origin only ("https://hooks.example.com"). The path or query
 * often carries a token (Slack, Teams and most chat hooks do), so it never reaches the browser or the log.
 */
export function webhookOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}

/** The JSON body POSTed for an alert's firing or resolving. */
export interface WebhookPayload {
  rule: { id: string; name: string; kind: string };
  cluster: { id: string; name: string };
  /** The group the event is about ("" for a conformance rule, which watches a topic). */
  group: string;
  /** A conformance rule's topic (issue 19). */
  topic?: string;
  state: "firing" | "resolved";
  message: string;
  firedAt: string;
  resolvedAt: string | null;
}

/** A failed answer in words, for the delivery's lastError: the status and the start of the body. */
export function describeHttpFailure(status: number, statusText: string, body: string): string {
  const text = body.replace(/\s+/g, " ").trim().slice(0, 200);
  return `HTTP ${status}${statusText ? ` ${statusText}` : ""}${text ? `: ${text}` : ""}`;
}
