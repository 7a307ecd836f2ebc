import "server-only";
import path from "node:path";
import { ROLES, type Role } from "@/lib/auth/permissions";

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

/** OpenID Connect sign-in: on when the issuer, client id and client secret are all set (and the issuer is a URL). */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in button. */
  name: string;
  /** A role on every cluster for a user's first OpenID Connect sign-in; null: none until an admin grants one. */
  defaultRole: Role | null;
}
export function oidcSettings(): OidcSettings | null {
  const issuer = process.env.OIDC_ISSUER?.trim();
  const clientId = process.env.OIDC_CLIENT_ID?.trim();
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret || !URL.canParse(issuer)) return null;
  const role = process.env.OIDC_DEFAULT_ROLE?.trim().toLowerCase();
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    name: process.env.OIDC_NAME?.trim() || "single sign-on",
    defaultRole: (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : null,
  };
}
/** The console's external base URL (e.g. behind a proxy), without a trailing slash; null: taken from each request. */
export const publicBaseUrl = (): string | null => {
  const raw = process.env.TOPIARY_PUBLIC_URL?.trim();
  return raw && URL.canParse(raw) ? raw.replace(/\/+$/, "") : null;
};
