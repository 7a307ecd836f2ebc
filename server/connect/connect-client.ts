import "server-only";
import { AppError, type ErrorCode } from "@/lib/errors/app-error";
import { connectErrorMessage } from "@/lib/connect/parse-connect";
import type { ConnectCluster } from "@/prisma/generated/client";
import { openSecret } from "@/server/crypto/secret-box";
import { logger } from "@/server/log";
import { guardedRequest, POLICY_REFUSED } from "@/server/net/guarded-connect";

// The one way the console talks to a Kafka Connect REST API: every call goes through guardedRequest (the network
// policy at the moment of connecting, redirects not followed), with the stored basic-auth credentials, and every
// answer that is not a success becomes an AppError whose message is Connect's own ({ error_code, message }).

/** A Connect cluster ready to be called: its password opened (server-side only, never logged or returned). */
export interface ConnectTarget {
  id: string;
  name: string;
  url: string;
  auth: { username: string; password: string } | null;
}

export function connectTargetOf(row: ConnectCluster): ConnectTarget {
  const password = row.password ? openSecret(row.password, `password of Kafka Connect "${row.name}"`) : "";
  return { id: row.id, name: row.name, url: row.url, auth: row.username ? { username: row.username, password } : null };
}

const READ_TIMEOUT_MS = 15_000;
/** Connect itself waits up to 90 s on a rebalance before it answers a change; most answer in well under a second. */
const WRITE_TIMEOUT_MS = 95_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * While the workers rebalance (after any connector change) Connect refuses requests it did not run: 409 "Cannot
 * complete request because of a conflicting operation" or "… no known leader URL", and 500 "Request cannot be
 * completed because a rebalance is expected" (RebalanceNeededException). Those are retried after a moment.
 */
const REBALANCE_RETRIES = 6;
const REBALANCING = /rebalanc|conflicting operation|stale configuration|no known leader/i;

export interface ConnectAnswer {
  status: number;
  body: unknown;
}

/** Builds `/connectors/{name}/…` with every segment encoded. */
export const connectPath = (...segments: (string | number)[]) => `/${segments.map((s) => encodeURIComponent(String(s))).join("/")}`;

function failure(target: ConnectTarget, code: ErrorCode, message: string, cause?: unknown): AppError {
  return new AppError(code, { message: `Kafka Connect ${target.name} (${target.url}): ${message}`, userMessage: `Kafka Connect "${target.name}": ${message}`, cause });
}

const CODE_FOR_STATUS: Record<number, ErrorCode> = { 400: "VALIDATION", 404: "NOT_FOUND", 409: "CONFLICT", 422: "VALIDATION" };

/**
 * Calls the Connect REST API. `expect` lists the statuses that are answers (default: any 2xx); any other status
 * throws with Connect's message. Network failures say what happened (refused by the policy, unreachable, timed out).
 */
export async function connectCall(
  target: ConnectTarget,
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH",
  path: string,
  opts: { body?: unknown; query?: Record<string, string | string[]>; expect?: number[]; timeoutMs?: number } = {},
): Promise<ConnectAnswer> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  const url = `${target.url}${path}${search.size ? `?${search}` : ""}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (target.auth) headers.authorization = `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString("base64")}`;
  const timeoutMs = opts.timeoutMs ?? (method === "GET" ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS);

  for (let attempt = 0; ; attempt++) {
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
    const ok = opts.expect ? opts.expect.includes(res.status) : res.status >= 200 && res.status < 300;
    if (ok) return { status: res.status, body };
    const message = connectErrorMessage(body, res.status);
    if ((res.status === 409 || res.status === 500) && attempt < REBALANCE_RETRIES && REBALANCING.test(message)) {
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      continue;
    }
    logger.info("kafka connect refused a request", { connect: target.name, method, path, status: res.status, error: message });
    if (res.status === 401 || res.status === 403) {
      throw failure(target, "KAFKA_AUTH_FAILED", `${message} (HTTP ${res.status}): check the Connect cluster's user name and password`);
    }
    if (res.status >= 300 && res.status < 400) throw failure(target, "KAFKA_ERROR", `answered with a redirect (HTTP ${res.status}), which the console does not follow: use the address it redirects to`);
    throw failure(target, CODE_FOR_STATUS[res.status] ?? "KAFKA_ERROR", message);
  }
}

function networkFailure(target: ConnectTarget, e: unknown): AppError {
  const err = e as { code?: string; name?: string; message?: string };
  if (err.code === POLICY_REFUSED) return failure(target, "KAFKA_UNREACHABLE", `connection ${err.message ?? "refused by the network policy"}`, e);
  if (err.name === "TimeoutError") return failure(target, "KAFKA_TIMEOUT", `no answer within the time allowed (${err.message})`, e);
  const what: Record<string, string> = {
    ECONNREFUSED: "connection refused: is the worker running at that address?",
    ENOTFOUND: "the host name cannot be resolved",
    EAI_AGAIN: "the host name cannot be resolved right now",
    ECONNRESET: "the connection was reset",
    EHOSTUNREACH: "the host cannot be reached",
    ENETUNREACH: "the network cannot be reached",
  };
  const reason = (err.code && what[err.code]) ?? (/certificate|SSL|TLS/i.test(err.message ?? "") ? `TLS failed: ${err.message}` : `cannot be reached (${err.code ?? err.message ?? "unknown error"})`);
  return failure(target, "KAFKA_UNREACHABLE", `${target.url}: ${reason}`, e);
}
