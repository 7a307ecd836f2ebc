import "server-only";
import os from "node:os";
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

/**
 * The Kafka Connect worker of the cluster "local" (CONNECT_URL; `npm start` sets it to the worker it runs beside
 * the local broker, on CONNECT_PORT): added to that cluster on start. Null when unset or not an http(s) URL.
 */
export function localConnectUrl(): string | null {
  const raw = process.env.CONNECT_URL?.trim();
  if (!raw || !URL.canParse(raw)) return null;
  const url = new URL(raw);
  return url.protocol === "http:" || url.protocol === "https:" ? `${url.origin}${url.pathname.replace(/\/+$/, "")}` : null;
}

/** PostgreSQL's URLs (postgresql://… or postgres://…); everything else is an SQLite file. */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The bootstrap list of the cluster created on first start as "local". */
export function defaultClusterBootstrap(): string {
  return process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || "9092"}`;
}

/**
 * SASL for the cluster "local" (KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD; `npm start --
 * --secure` sets them to the secured local broker's super user). Null without a mechanism or a user.
 */
export function defaultClusterSasl(): { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string } | null {
  const mechanism = process.env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  const username = process.env.KAFKA_SASL_USERNAME?.trim();
  if (!username || (mechanism !== "plain" && mechanism !== "scram-sha-256" && mechanism !== "scram-sha-512")) return null;
  return { mechanism, username, password: process.env.KAFKA_SASL_PASSWORD ?? "" };
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
/** How far back the sampler keeps every partition's end offsets in memory, for the time-lag estimate (minutes). */
export const lagEndHistoryMinutes = () => intFromEnv("TOPIARY_LAG_HISTORY_MINUTES", 60, 5, 24 * 60);
/** How long raw lag samples are kept before they are folded into 5-minute buckets (hours). */
export const lagRawRetentionHours = () => intFromEnv("TOPIARY_LAG_RAW_HOURS", 6, 1, 24 * 7);
/** How long 5-minute lag buckets are kept (days). */
export const lagRetentionDays = () => intFromEnv("TOPIARY_LAG_RETENTION_DAYS", 7, 1, 366);
/**
 * Raw lag points kept per cluster at most: a cluster with many groups gets a raw window shorter than
 * TOPIARY_LAG_RAW_HOURS (never below 15 minutes) so its raw tier stays within this many rows.
 */
export const lagRawMaxPoints = () => intFromEnv("TOPIARY_LAG_RAW_POINTS", 5_000_000, 10_000, 1_000_000_000);

/** How long a Schema Registry request may take before the user gets an error (ms); writes get three times this. */
export const registryTimeoutMs = () => intFromEnv("TOPIARY_REGISTRY_TIMEOUT_MS", 5000, 500, 120_000);

/** Worker threads that evaluate users' filter expressions (off the request's event loop). */
export const filterWorkerThreads = () => intFromEnv("TOPIARY_FILTER_WORKERS", Math.max(1, Math.min(4, os.availableParallelism())), 1, 32);
/** How long one filter expression may take on one message before its search is ended (ms). */
export const filterMessageBudgetMs = () => intFromEnv("TOPIARY_FILTER_MESSAGE_MS", 250, 10, 10_000);

/** Sign-in is on unless AUTH_DISABLED=true (single-user local use; a banner says so). */
export const authDisabled = () => process.env.AUTH_DISABLED === "true";
/** bcrypt cost for local passwords. */
export const bcryptCost = () => intFromEnv("TOPIARY_BCRYPT_COST", 12, 4, 15);
/** Password hashes computed at once (in worker threads), for the whole process. */
export const passwordHashThreads = () => intFromEnv("TOPIARY_HASH_THREADS", 1, 1, 16);
/**
 * How many proxies in front of the console append to X-Forwarded-For (0: none, the socket's address is the
 * client's). Only then is the header believed: a client can send any X-Forwarded-For it likes.
 */
export const trustedProxyHops = () => intFromEnv("TOPIARY_TRUSTED_PROXIES", 0, 0, 10);
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

/** Bearer token a Prometheus scraper sends to /api/metrics; null: a signed-in user is needed. */
export const metricsToken = (): string | null => process.env.TOPIARY_METRICS_TOKEN || null;
/** The bare React Flow page used by bench:canvas is served only when TOPIARY_BENCH=1. */
export const benchPagesEnabled = () => process.env.TOPIARY_BENCH === "1";
/** Production (`next start`): a missing secret key stops start-up instead of being made up. */
export const isProduction = () => process.env.NODE_ENV === "production";
/** TOPIARY_ALLOW_PRIVATE_ADDRESSES=false forces the network policy off, whatever the stored setting says. */
export const privateAddressesForcedOff = () => process.env.TOPIARY_ALLOW_PRIVATE_ADDRESSES?.trim().toLowerCase() === "false";
/** The server log's level. */
export const logLevelSetting = () => (process.env.TOPIARY_LOG_LEVEL || "info").toLowerCase();
/** First retry delay of an alert webhook (ms); it grows with each attempt. */
export const webhookBackoffBaseMs = () => intFromEnv("TOPIARY_WEBHOOK_BACKOFF_MS", 5000, 1, 3_600_000);
/** Under Vitest: tests may name the session token of an action call (server/guard/principal.ts). */
export const underTest = () => !!process.env.VITEST;
