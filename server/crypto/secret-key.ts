import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { isProduction, secretKeySetting } from "@/server/config";
import { logger } from "@/server/log";

const HOW_TO =
  "Make one with `openssl rand -base64 32`, keep it in your secret store and pass it in the environment " +
  "(npm start makes a local one in .topiary/secret.key).";

const MISSING =
  "TOPIARY_SECRET_KEY is not set: Topiary encrypts cluster secrets (SASL passwords, TLS keys) with it, so it cannot store or read them. " +
  HOW_TO;

// Parsed once per value (tests switch keys by changing the environment).
let cached: { raw: string; key: Buffer } | null = null;

/** The 32-byte key from base64 (standard or URL-safe) or 64 hex characters; null when the text is neither. */
export function parseSecretKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) {
    const key = Buffer.from(raw, "base64");
    if (key.length === 32) return key;
  }
  return null;
}

function malformed(raw: string): string {
  // Only the length: the value itself is a secret, even when it is a wrong one.
  return (
    `TOPIARY_SECRET_KEY is not a valid key: it must be 32 bytes written as base64 (44 characters) or as 64 hex characters, ` +
    `and the value given has ${raw.length} characters. ${HOW_TO}`
  );
}

/** The key for sealing and opening secrets; an AppError with a clear message when it is missing or malformed. */
export function secretKey(): Buffer {
  const raw = secretKeySetting();
  if (raw === null) throw new AppError("INTERNAL", { userMessage: MISSING });
  if (cached?.raw === raw) return cached.key;
  const key = parseSecretKey(raw);
  if (!key) throw new AppError("INTERNAL", { userMessage: malformed(raw) });
  cached = { raw, key };
  return key;
}

/**
 * Start-up check. A malformed key always stops start-up; a missing one stops it in production (`next start`;
 * the quick start passes its local key, so it never gets here without one), and elsewhere only warns: the
 * first secret stored or read then fails with the same message.
 */
export function assertSecretKey(): void {
  if (secretKeySetting() === null && !isProduction()) {
    logger.warn(MISSING);
    return;
  }
  try {
    secretKey();
  } catch (e) {
    const message = (e as AppError).userMessage;
    logger.error("start-up stopped", { reason: message });
    throw new Error(message);
  }
}
