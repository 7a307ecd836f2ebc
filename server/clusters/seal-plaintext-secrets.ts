import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import { isSealed, sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

const SECRET_COLUMNS = ["saslPassword", "tlsKey"] as const;

/**
 * At start-up: seals the cluster secrets that versions before encryption at rest stored in plain text, so an
 * upgrade loses none of them. Does nothing once every secret is sealed.
 */
export async function sealPlaintextSecrets(): Promise<void> {
  try {
    const rows = await prisma.cluster.findMany({
      where: { OR: [{ saslPassword: { not: null } }, { tlsKey: { not: null } }] },
      select: { id: true, saslPassword: true, tlsKey: true },
    });
    let sealed = 0;
    for (const row of rows) {
      for (const column of SECRET_COLUMNS) {
        const value = row[column];
        if (value === null || isSealed(value)) continue;
        // Only while the column still holds what was read, so an edit made meanwhile is never overwritten.
        const r = await prisma.cluster.updateMany({ where: { id: row.id, [column]: value }, data: { [column]: sealSecret(value) } });
        sealed += r.count;
      }
    }
    if (sealed > 0) logger.info("encrypted cluster secrets stored in plain text", { count: sealed });
  } catch (e) {
    // A database error can quote the query's values (a plain-text secret here): log only what kind it was.
    const reason = isAppError(e) ? e.message : `${(e as Error)?.name ?? "error"} ${(e as { code?: string })?.code ?? ""}`.trim();
    logger.error("could not encrypt the cluster secrets stored in plain text (tried again at the next start; until then those clusters cannot connect)", { reason });
  }
}
