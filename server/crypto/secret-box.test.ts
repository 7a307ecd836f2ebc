import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { isSealed, openSecret, sealSecret } from "./secret-box";
import { assertSecretKey, parseSecretKey } from "./secret-key";

const KEY = crypto.randomBytes(32).toString("base64");
const PLAIN = "pa55-wörd\n-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----";

/** What `fn` threw (it must throw). */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected an error");
}

/** Flips one bit of the given base64 part (1 = IV, 2 = tag, 3 = ciphertext) of a sealed value. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split(":");
  const bytes = Buffer.from(parts[part], "base64");
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString("base64");
  return parts.join(":");
}

beforeEach(() => {
  vi.stubEnv("TOPIARY_SECRET_KEY", KEY);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and the stored form is v1:<iv>:<tag>:<ciphertext> without the plain text", () => {
    const sealed = sealSecret(PLAIN);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    const [, iv, tag] = sealed.split(":");
    expect(Buffer.from(iv, "base64")).toHaveLength(12);
    expect(Buffer.from(tag, "base64")).toHaveLength(16);
    expect(sealed).not.toContain("pa55");
    expect(isSealed(sealed)).toBe(true);
    expect(openSecret(sealed)).toBe(PLAIN);
    expect(openSecret(sealSecret(""))).toBe("");
  });

  it("uses a random IV: the same secret sealed twice gives two different values", () => {
    const a = sealSecret(PLAIN);
    const b = sealSecret(PLAIN);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
    expect([openSecret(a), openSecret(b)]).toEqual([PLAIN, PLAIN]);
  });

  it.each([1, 2, 3] as const)("refuses a value whose part %i was altered, without quoting it", (part) => {
    const sealed = sealSecret(PLAIN);
    const altered = tamper(sealed, part);
    const err = thrown(() => openSecret(altered, 'stored SASL password of cluster "prod"'));
    expect(err).toBeInstanceOf(AppError);
    expect(err.userMessage).toBe(
      'The stored SASL password of cluster "prod" cannot be decrypted: it was stored with a different secret key or has been altered. Re-enter it in the cluster\'s settings.',
    );
    for (const text of [err.message, err.userMessage, JSON.stringify(err), String(err.stack)]) {
      expect(text).not.toContain(altered);
      expect(text).not.toContain(altered.split(":")[3]);
      expect(text).not.toContain("pa55");
    }
  });

  it("refuses a value sealed with another key", () => {
    const sealed = sealSecret(PLAIN);
    vi.stubEnv("TOPIARY_SECRET_KEY", crypto.randomBytes(32).toString("hex"));
    const err = thrown(() => openSecret(sealed));
    expect(err).toBeInstanceOf(AppError);
    expect(err.userMessage).toContain("The stored secret cannot be decrypted");
    expect(err.userMessage).toContain("Re-enter it");
    // And the right key still opens it.
    vi.stubEnv("TOPIARY_SECRET_KEY", KEY);
    expect(openSecret(sealed)).toBe(PLAIN);
  });

  it("refuses plain text and truncated values as undecryptable rather than returning them", () => {
    const sealed = sealSecret(PLAIN);
    for (const stored of ["hunter2", "v1:", `${sealed}:x`]) expect(isSealed(stored)).toBe(false);
    for (const stored of ["hunter2", "v1:", `${sealed}:x`, sealed.slice(0, -4)]) {
      expect(thrown(() => openSecret(stored)).userMessage).toContain("cannot be decrypted");
    }
  });
});

describe("the secret key (TOPIARY_SECRET_KEY)", () => {
  it("accepts 32 bytes as base64, URL-safe base64 or 64 hex characters", () => {
    const bytes = crypto.randomBytes(32);
    expect(parseSecretKey(bytes.toString("base64"))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString("base64url"))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString("hex"))).toEqual(bytes);
    expect(parseSecretKey(crypto.randomBytes(31).toString("base64"))).toBeNull();
    expect(parseSecretKey(crypto.randomBytes(48).toString("base64"))).toBeNull();
    expect(parseSecretKey("correct horse battery staple")).toBeNull();
  });

  it("says clearly what is wrong with a malformed key, without repeating it", () => {
    const bad = "my-secret-passphrase";
    vi.stubEnv("TOPIARY_SECRET_KEY", bad);
    const err = thrown(() => sealSecret(PLAIN));
    expect(err).toBeInstanceOf(AppError);
    expect(err.userMessage).toBe(
      "TOPIARY_SECRET_KEY is not a valid key: it must be 32 bytes written as base64 (44 characters) or as 64 hex characters, " +
        "and the value given has 20 characters. Make one with `openssl rand -base64 32`, keep it in your secret store and pass it " +
        "in the environment (npm start makes a local one in .topiary/secret.key).",
    );
    expect(err.message).not.toContain(bad);
    expect(thrown(() => openSecret("v1:x")).userMessage).toContain("is not a valid key");
  });

  it("says it is missing when unset, when a secret is sealed or opened", () => {
    const sealed = sealSecret(PLAIN);
    vi.stubEnv("TOPIARY_SECRET_KEY", "");
    expect(thrown(() => sealSecret(PLAIN)).userMessage).toMatch(/^TOPIARY_SECRET_KEY is not set/);
    expect(thrown(() => openSecret(sealed)).userMessage).toMatch(/^TOPIARY_SECRET_KEY is not set/);
  });

  it("stops start-up in production without a key, or with a malformed one anywhere; elsewhere a missing key only warns", () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.stubEnv("TOPIARY_SECRET_KEY", "");
    vi.stubEnv("NODE_ENV", "production");
    expect(() => assertSecretKey()).toThrow(/^TOPIARY_SECRET_KEY is not set: .*openssl rand -base64 32/);
    vi.stubEnv("NODE_ENV", "development");
    expect(() => assertSecretKey()).not.toThrow();
    vi.stubEnv("TOPIARY_SECRET_KEY", "too-short");
    expect(() => assertSecretKey()).toThrow(/^TOPIARY_SECRET_KEY is not a valid key/);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("TOPIARY_SECRET_KEY", KEY);
    expect(() => assertSecretKey()).not.toThrow();
    expect(stderr.mock.calls.join("")).not.toContain("too-short");
  });
});
