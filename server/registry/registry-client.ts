import "server-only";
import { AppError, type ErrorCode } from "@/lib/errors/app-error";
import { registryErrorHint } from "@/lib/registry/registry-errors";
import type { SchemaRegistry } from "@/prisma/generated/client";
import { registryTimeoutMs } from "@/server/config";
import { openSecret } from "@/server/crypto/secret-box";
import { logger } from "@/server/log";
import { guardedRequest, POLICY_REFUSED } from "@/server/net/guarded-connect";

// Topiary's own thin Schema Registry client: every call goes through guardedRequest (the network policy when the
// connection opens, redirects not followed) with a timeout, the stored basic or bearer credentials, and
// Confluent's content type; an answer that is not a success becomes an AppError carrying the registry's own
// error_code and message ({ error_code, message }), with a hint in words for the codes people meet.

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A registry ready to be called: its secret opened (server-side only, never logged or returned). */
export interface RegistryTarget {
  clusterId: string;
  url: string;
  auth: { kind: "basic"; username: string; password: string } | { kind: "bearer"; token: string } | null;
  /** Changes whenever the settings change: keys caches of schemas by id. */
  cacheKey: string;
}

export function registryTargetOf(row: Pick<SchemaRegistry, "clusterId" | "url" | "authKind" | "username" | "secret" | "updatedAt">): RegistryTarget {
  const secret = row.secret ? openSecret(row.secret, "Schema Registry credential") : "";
  const auth = row.authKind === "basic" && row.username ? { kind: "basic" as const, username: row.username, password: secret } : row.authKind === "bearer" ? { kind: "bearer" as const, token: secret } : null;
  return { clusterId: row.clusterId, url: row.url, auth, cacheKey: `${row.clusterId}|${row.url}|${row.updatedAt.getTime()}` };
}

/** The registry's answer to a failed call. */
export class RegistryError extends AppError {
  constructor(
    code: ErrorCode,
    readonly status: number,
    readonly errorCode: number | null,
    readonly registryMessage: string,
    userMessage: string,
  ) {
    super(code, { message: `schema registry: HTTP ${status}${errorCode ? ` error ${errorCode}` : ""}: ${registryMessage}`, userMessage });
  }
}

/** Builds `/subjects/{subject}/…` with every segment encoded. */
export const registryPath = (...segments: (string | number)[]) => `/${segments.map((s) => encodeURIComponent(String(s))).join("/")}`;

function codeFor(status: number, errorCode: number | null): ErrorCode {
  if (status === 401 || status === 403) return "KAFKA_AUTH_FAILED";
  // Soft/hard delete order (40404-40407): the thing exists, in a state that refuses the operation.
  if (errorCode !== null && errorCode >= 40404 && errorCode <= 40407) return "CONFLICT";
  if (status === 404) return "NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (errorCode === 42205 || errorCode === 42206) return "CONFLICT";
  if (status === 422 || status === 400) return "VALIDATION";
  return "KAFKA_ERROR";
}

/**
 * Calls the registry; resolves to the parsed JSON answer of a 2xx. Anything else throws a RegistryError whose
 * userMessage quotes the registry (with its error_code); network failures say what happened.
 */
export async function registryCall<T>(
  target: RegistryTarget,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  opts: { body?: unknown; query?: Record<string, string | boolean | undefined>; timeoutMs?: number } = {},
): Promise<T> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== false) search.set(k, String(v));
  const url = `${target.url}${path}${search.size ? `?${search}` : ""}`;
  const headers: Record<string, string> = { accept: `${CONTENT_TYPE}, application/json` };
  if (opts.body !== undefined) headers["content-type"] = CONTENT_TYPE;
  if (target.auth?.kind === "basic") headers.authorization = `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString("base64")}`;
  if (target.auth?.kind === "bearer") headers.authorization = `Bearer ${target.auth.token}`;
  const timeoutMs = opts.timeoutMs ?? (method === "GET" ? registryTimeoutMs() : registryTimeoutMs() * 3);
  let res;
  try {
    res = await guardedRequest(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), timeoutMs, maxBodyBytes: MAX_BODY_BYTES });
  } catch (e) {
    throw networkFailure(target, e);
  }
  let body: unknown = null;
  if (res.body) {
    try {
      body = JSON.parse(res.body);
    } catch {
      body = res.body;
    }
  }
  if (res.status >= 200 && res.status < 300) return body as T;
  const errorCode = typeof (body as { error_code?: unknown })?.error_code === "number" ? (body as { error_code: number }).error_code : null;
  const raw = typeof (body as { message?: unknown })?.message === "string" ? (body as { message: string }).message : typeof body === "string" && body ? body.slice(0, 300) : res.statusText || `HTTP ${res.status}`;
  logger.info("schema registry refused a request", { clusterId: target.clusterId, method, path, status: res.status, errorCode });
  if (res.status >= 300 && res.status < 400) {
    throw new RegistryError("KAFKA_ERROR", res.status, errorCode, raw, `Schema Registry answered with a redirect (HTTP ${res.status}), which the console does not follow: use the address it redirects to.`);
  }
  const hint = registryErrorHint(res.status, errorCode);
  const userMessage = `Schema Registry: ${raw}${errorCode ? ` (error ${errorCode})` : ` (HTTP ${res.status})`}${hint ? `. ${hint}` : ""}`;
  throw new RegistryError(codeFor(res.status, errorCode), res.status, errorCode, raw, userMessage);
}

function networkFailure(target: RegistryTarget, e: unknown): AppError {
  const err = e as { code?: string; name?: string; message?: string };
  const where = `Schema Registry ${target.url}`;
  if (err.code === POLICY_REFUSED) return new AppError("KAFKA_UNREACHABLE", { message: `${where}: ${err.message}`, userMessage: `${where}: connection ${err.message ?? "refused by the network policy"}`, cause: e });
  if (err.name === "TimeoutError") return new AppError("KAFKA_TIMEOUT", { message: `${where}: ${err.message}`, userMessage: `${where} gave no answer in time (${err.message}).`, cause: e });
  const what: Record<string, string> = {
    ECONNREFUSED: "connection refused: is the registry running at that address?",
    ENOTFOUND: "the host name cannot be resolved",
    EAI_AGAIN: "the host name cannot be resolved right now",
    ECONNRESET: "the connection was reset",
    EHOSTUNREACH: "the host cannot be reached",
    ENETUNREACH: "the network cannot be reached",
  };
  const reason = (err.code && what[err.code]) ?? (/certificate|SSL|TLS/i.test(err.message ?? "") ? `TLS failed: ${err.message}` : `cannot be reached (${err.code ?? err.message ?? "unknown error"})`);
  return new AppError("KAFKA_UNREACHABLE", { message: `${where}: ${reason}`, userMessage: `${where}: ${reason}`, cause: e });
}
