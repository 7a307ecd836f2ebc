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
