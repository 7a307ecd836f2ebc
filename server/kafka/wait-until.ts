import "server-only";

/**
 * Polls `check` until it answers true or `ms` pass; true when it did. A failing check counts as "not yet":
 * the deadline bounds it. Used after Kafka accepted a change, until its metadata shows it.
 */
export async function waitUntil(check: () => Promise<boolean>, ms: number, intervalMs = 250): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // Try again until the deadline.
    }
    if (Date.now() + intervalMs > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
