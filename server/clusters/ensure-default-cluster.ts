import "server-only";
import { prisma } from "@/server/db/prisma";
import { defaultClusterBootstrap, defaultClusterSasl } from "@/server/config";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { logger } from "@/server/log";

const SEEDED = "defaultClusterSeeded";
/** The connection (bootstrap, mechanism, user; never the password) Topiary last gave "local", so it knows it is still its own. */
const SEEDED_CONNECTION = "defaultClusterConnection";

type Connection = { bootstrapServers: string; saslMechanism: string | null; saslUsername: string | null };
const fingerprint = (c: Connection) => JSON.stringify([c.bootstrapServers, c.saslMechanism, c.saslUsername]);

/**
 * On first start, adds the cluster "local" for the local broker (or KAFKA_BROKERS, with KAFKA_SASL_* when set:
 * the password sealed like any cluster secret). Only once: a user who removes it does not get it back on the
 * next start. On later starts, "local" follows the launcher (plaintext broker, or `npm start -- --secure`'s
 * secured one) while it is still as Topiary left it; a cluster the user edited is left alone.
 */
export async function ensureDefaultCluster(): Promise<void> {
  const bootstrapServers = defaultClusterBootstrap();
  const sasl = defaultClusterSasl();
  const wanted: Connection = { bootstrapServers, saslMechanism: sasl?.mechanism ?? null, saslUsername: sasl?.username ?? null };
  const seeded = await prisma.setting.findUnique({ where: { key: SEEDED } });
  if (!seeded) {
    await prisma.$transaction(async (tx) => {
      const exists = await tx.cluster.findUnique({ where: { name: "local" } });
      if (!exists) await tx.cluster.create({ data: { name: "local", ...wanted, saslPassword: sasl ? sealSecret(sasl.password) : null } });
      await tx.setting.create({ data: { key: SEEDED, value: new Date().toISOString() } });
      await tx.setting.upsert({ where: { key: SEEDED_CONNECTION }, create: { key: SEEDED_CONNECTION, value: fingerprint(wanted) }, update: { value: fingerprint(wanted) } });
    });
    logger.info("default cluster added", { name: "local", bootstrapServers, authentication: sasl?.mechanism ?? "none" });
    return;
  }
  await followLauncher(wanted, sasl?.password ?? null);
}

async function followLauncher(wanted: Connection, password: string | null): Promise<void> {
  const local = await prisma.cluster.findUnique({ where: { name: "local" } });
  if (!local) return;
  const recorded = (await prisma.setting.findUnique({ where: { key: SEEDED_CONNECTION } }))?.value;
  // Before this record existed, "local" was Topiary's when it still pointed at a broker the launcher runs, without SASL.
  const current = fingerprint(local);
  const ours = recorded ? recorded === current : !local.saslMechanism && /^127\.0\.0\.1:(9092|9093)$/.test(local.bootstrapServers);
  if (!ours || local.tlsEnabled) return;
  const samePassword = password === null ? local.saslPassword === null : local.saslPassword !== null && openSecret(local.saslPassword, 'stored SASL password of cluster "local"') === password;
  if (current === fingerprint(wanted) && samePassword) {
    if (!recorded) await prisma.setting.create({ data: { key: SEEDED_CONNECTION, value: current } });
    return;
  }
  await prisma.$transaction(async (tx) => {
    // Only while it still holds what was read, so an edit made meanwhile is never overwritten.
    const r = await tx.cluster.updateMany({
      where: { id: local.id, bootstrapServers: local.bootstrapServers, saslMechanism: local.saslMechanism, saslUsername: local.saslUsername },
      data: { ...wanted, saslPassword: password === null ? null : sealSecret(password) },
    });
    if (r.count === 0) return;
    await tx.setting.upsert({ where: { key: SEEDED_CONNECTION }, create: { key: SEEDED_CONNECTION, value: fingerprint(wanted) }, update: { value: fingerprint(wanted) } });
  });
  logger.info("default cluster follows the local broker", { name: "local", bootstrapServers: wanted.bootstrapServers, authentication: wanted.saslMechanism ?? "none" });
}
