import "server-only";
import { ensureDefaultCluster } from "@/server/clusters/ensure-default-cluster";
import { sealPlaintextSecrets } from "@/server/clusters/seal-plaintext-secrets";
import { assertSecretKey } from "@/server/crypto/secret-key";
import { registerAlertEngine } from "@/server/lag/alert-engine";
import { startLagSampler } from "@/server/lag/lag-sampler";
import { logger } from "@/server/log";

/**
 * Start-up work of a server process (called from instrumentation.ts). Migrations are applied by the start
 * script before the server starts (scripts/start.mjs runs `prisma migrate deploy`).
 */
export async function startServer(): Promise<void> {
  assertSecretKey();
  try {
    await ensureDefaultCluster();
    await sealPlaintextSecrets();
  } catch (e) {
    logger.error("start-up failed: is the database migrated? (npm start applies migrations)", { error: e });
  }
  // Consumer lag history, status and alerts need samples whether or not anyone has a page open.
  registerAlertEngine();
  startLagSampler();
}
