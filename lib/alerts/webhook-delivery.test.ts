import { describe, expect, it } from "vitest";
import { describeDelivery, type WebhookDeliveryView } from "./alert-views";
import { describeHttpFailure, WEBHOOK_MAX_ATTEMPTS, webhookOrigin, webhookRetryDelayMs } from "./webhook-delivery";

describe("webhook delivery", () => {
  it("backs off 5 s, 15 s, 45 s, 2 min, 5 min, then gives up after the sixth attempt", () => {
    const waits = [1, 2, 3, 4, 5].map((a) => webhookRetryDelayMs(a, 5000));
    expect(waits).toEqual([5000, 15_000, 45_000, 120_000, 300_000]);
    expect(webhookRetryDelayMs(WEBHOOK_MAX_ATTEMPTS, 5000)).toBeNull();
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(6);
    expect(webhookRetryDelayMs(1, 20)).toBe(20);
  });

  it("shows a webhook address by its origin only", () => {
    expect(webhookOrigin("https://hooks.slack.com/services/T000/B000/secret-token?x=1")).toBe("https://hooks.slack.com");
    expect(webhookOrigin("http://127.0.0.1:8080/hook")).toBe("http://127.0.0.1:8080");
    expect(webhookOrigin(null)).toBeNull();
    expect(webhookOrigin("not a url")).toBe("(invalid URL)");
  });

  it("describes failures and delivery states in words", () => {
    expect(describeHttpFailure(500, "Internal Server Error", "  boom\n  again ")).toBe("HTTP 500 Internal Server Error: boom again");
    expect(describeHttpFailure(404, "", "")).toBe("HTTP 404");
    const d: WebhookDeliveryView = { id: "d", transition: "firing", status: "pending", attempts: 0, lastError: null, lastStatus: null, nextAttemptAt: null, deliveredAt: null };
    expect(describeDelivery(d)).toBe("pending, attempt 1");
    expect(describeDelivery({ ...d, attempts: 2, lastError: "HTTP 503", nextAttemptAt: "T" }, () => "10:04")).toBe("pending, attempt 3 due 10:04 (last: HTTP 503)");
    expect(describeDelivery({ ...d, status: "delivered", attempts: 1 })).toBe("delivered");
    expect(describeDelivery({ ...d, status: "delivered", attempts: 3 })).toBe("delivered on attempt 3");
    expect(describeDelivery({ ...d, status: "failed", attempts: 6, lastError: "HTTP 500" })).toBe("failed after 6 attempts: HTTP 500");
  });
});
