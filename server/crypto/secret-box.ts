import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { secretKey } from "./secret-key";

// Stored form: `v1:<iv>:<tag>:<ciphertext>`, each part base64. AES-256-GCM with a random 12-byte IV per value
// (never reused with the same key) and its 16-byte authentication tag, so an altered value is refused.
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([A-Za-z0-9+/]{16}):([A-Za-z0-9+/]{22}==):([A-Za-z0-9+/]*={0,2})$/;

/** True for a value sealed by `sealSecret` (anything else is plain text from before encryption at rest). */
export function isSealed(stored: string): boolean {
  return SEALED.test(stored);
}

export function sealSecret(plain: string): string {
  const key = secretKey();
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${ciphertext.toString("base64")}`;
}

/**
 * The plain text of a sealed value. A value that is not sealed, was altered, or was sealed with another key
 * fails with an AppError asking for the secret again; neither message ever quotes the value.
 * `what` names the secret for that message, e.g. `SASL password of cluster "prod"`.
 */
export function openSecret(stored: string, what = "stored secret"): string {
  const key = secretKey();
  const parts = SEALED.exec(stored);
  if (!parts) throw unreadable(what);
  try {
    const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(parts[1], "base64"), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(Buffer.from(parts[2], "base64"));
    return Buffer.concat([decipher.update(Buffer.from(parts[3], "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw unreadable(what);
  }
}

function unreadable(what: string): AppError {
  return new AppError("INTERNAL", {
    message: `${what} cannot be decrypted (sealed with another TOPIARY_SECRET_KEY, or altered)`,
    userMessage: `The ${what} cannot be decrypted: it was stored with a different secret key or has been altered. Re-enter it in the cluster's settings.`,
  });
}
