import "server-only";
import { ensureDefaultCluster } from "@/server/clusters/ensure-default-cluster";
import { ensureLocalConnectCluster } from "@/server/connect/ensure-local-connect-cluster";
import { sealPlaintextSecrets } from "@/server/clusters/seal-plaintext-secrets";
import { assertSecretKey } from "@/server/crypto/secret-key";
import { registerAlertEngine } from "@/server/alerts/alert-engine";
import { stopWebhookDelivery } from "@/server/alerts/deliver-webhooks";
import { startLagSampler, stopLagSampler } from "@/server/groups/lag-sampler";
import { closeOpenStreams } from "@/server/guard/guarded-stream";
import { logger } from "@/server/log";
import { installClientAddressStamp } from "@/server/net/client-address";
import { pruneSignInThrottles } from "@/server/auth/sign-in-throttle";
import { warmFilterPool } from "@/server/messages/filter-pool";

/**
 * Start-up work of a server process (called from instrumentation.ts). Migrations are applied by the start
 * script before the server starts (scripts/start.mjs runs `prisma migrate deploy`).
 */
export async function startServer(): Promise<void> {
  assertSecretKey();
  // Before any request: the client address used by sign-in throttling and the audit log (client-address.ts).
  installClientAddressStamp();
  try {
    await ensureDefaultCluster();
    await ensureLocalConnectCluster();
    await sealPlaintextSecrets();
  } catch (e) {
    logger.error("start-up failed: is the database migrated? (npm start applies migrations)", { error: e });
  }
  // Failed sign-in counts older than a day are forgotten.
  setInterval(() => void pruneSignInThrottles().catch(() => {}), 3600_000).unref();
  // The first filter worker starts now, not on the first filtered search.
  warmFilterPool();
  // Consumer lag history, status and alerts need samples whether or not anyone has a page open.
  registerAlertEngine();
  startLagSampler();
  handleShutdownSignals();
}

/** How soon a client should reconnect after its stream was closed by a shutdown (the SSE `retry:` field). */
const STREAM_RETRY_MS = 2000;
/** A shutdown waits at most this long for its own steps before the process exits anyway. */
const SHUTDOWN_BUDGET_MS = 8000;

const g = globalThis as unknown as { topiaryShutdown?: Promise<void> };

/** Whether this process is shutting down (readiness answers 503 from the first moment). */
export const isShuttingDown = () => g.topiaryShutdown !== undefined;

/**
 * A clean stop: sampling ends, the newest sampled state is written (at most 5 s), and the sampling leases are
 * handed over (another instance takes over at its next tick, within a quarter interval), every open event stream is closed with a retry hint, webhook
 * deliveries being POSTed finish. Once, however often it is asked.
 */
export function shutdownServer(reason: string): Promise<void> {
  g.topiaryShutdown ??= (async () => {
    const started = Date.now();
    logger.info("shutting down", { reason });
    const [released] = await Promise.all([
      stopLagSampler().catch((e) => {
        logger.error("could not hand over the sampling leases", { error: e });
        return 0;
      }),
      Promise.resolve(closeOpenStreams(STREAM_RETRY_MS)),
    ]);
    await stopWebhookDelivery();
    logger.info("shut down", { reason, leasesHandedOver: released, tookMs: Date.now() - started });
  })();
  return g.topiaryShutdown;
}

/**
 * SIGTERM and SIGINT run the shutdown first, then what was listening before (`next start` closes its HTTP
 * server, waiting for requests in flight, and exits); with nobody else listening, the process exits itself.
 */
function handleShutdownSignals(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const before = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, () => {
      const done = Promise.race([shutdownServer(signal), new Promise((r) => setTimeout(r, SHUTDOWN_BUDGET_MS).unref())]);
      void done.finally(() => {
        if (before.length) for (const listener of before) listener(signal);
        else process.exit(signal === "SIGTERM" ? 143 : 130);
      });
    });
  }
}
