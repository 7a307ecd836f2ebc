import "server-only";
import path from "node:path";

/**
 * Settings from the environment, read in one place. The README's settings table lists them.
 */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL || "file:./.topiary/topiary.db";
  if (!raw.startsWith("file:")) return raw;
  const file = raw.slice("file:".length);
  return `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)}`;
}

/** The bootstrap list of the cluster created on first start as "local". */
export function defaultClusterBootstrap(): string {
  return process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || "9092"}`;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n >= min && n <= max ? Math.floor(n) : fallback;
}

/** How long a Kafka admin request may take before the user gets an error (ms). */
export const kafkaRequestTimeoutMs = () => intFromEnv("TOPIARY_KAFKA_TIMEOUT_MS", 8000, 1000, 120_000);
export const kafkaConnectionTimeoutMs = () => intFromEnv("TOPIARY_KAFKA_CONNECT_TIMEOUT_MS", 3000, 500, 60_000);

/** How often the lag sampler samples every cluster (ms); 0 turns it off. */
export const lagSampleIntervalMs = () => {
  const raw = process.env.TOPIARY_LAG_INTERVAL_MS;
  if (raw === "0") return 0;
  return intFromEnv("TOPIARY_LAG_INTERVAL_MS", 15_000, 1000, 3_600_000);
};
/** How many samples Burrow's rules look at (the window). */
export const lagWindowSize = () => intFromEnv("TOPIARY_LAG_WINDOW", 10, 3, 100);
/** How long raw lag samples are kept before they are folded into 5-minute buckets (hours). */
export const lagRawRetentionHours = () => intFromEnv("TOPIARY_LAG_RAW_HOURS", 6, 1, 24 * 7);
/** How long 5-minute lag buckets are kept (days). */
export const lagRetentionDays = () => intFromEnv("TOPIARY_LAG_RETENTION_DAYS", 7, 1, 366);

/** Sign-in is on unless AUTH_DISABLED=true (single-user local use; a banner says so). */
export const authDisabled = () => process.env.AUTH_DISABLED === "true";
/** bcrypt cost for local passwords. */
export const bcryptCost = () => intFromEnv("TOPIARY_BCRYPT_COST", 12, 4, 15);
/** A session ends after this long without a request (hours), and at the latest after the absolute limit (days). */
export const sessionIdleHours = () => intFromEnv("TOPIARY_SESSION_IDLE_HOURS", 12, 1, 24 * 30);
export const sessionMaxDays = () => intFromEnv("TOPIARY_SESSION_MAX_DAYS", 7, 1, 90);

/**
 * The key that encrypts cluster secrets at rest (32 bytes as base64 or 64 hex characters), or null when unset.
 * Parsed and checked in server/crypto/secret-key.ts; `npm start` makes a local one in .topiary/secret.key.
 */
export const secretKeySetting = () => process.env.TOPIARY_SECRET_KEY?.trim() || null;
