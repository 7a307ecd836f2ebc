import "server-only";
import type { ErrorCode } from "@/lib/errors/app-error";
import { publicBaseUrl } from "@/server/config";

/** The largest body a route handler reads (bytes); server actions have their own bound (next.config.js). */
export const MAX_ROUTE_BODY_BYTES = 1024 * 1024;

export type StateChangingBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; code: ErrorCode; message: string };

const refuse = (status: number, code: ErrorCode, message: string): StateChangingBody => ({ ok: false, status, code, message });

/** The hosts a same-origin request comes from: the one the browser asked for (behind a proxy, the forwarded one). */
function ownHosts(request: Request): string[] {
  const hosts = [
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    request.headers.get("host")?.trim(),
    new URL(request.url).host,
  ];
  const base = publicBaseUrl();
  if (base) hosts.push(new URL(base).host);
  return hosts.filter((h): h is string => !!h).map((h) => h.toLowerCase());
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null" || !URL.canParse(origin)) return false;
  return ownHosts(request).includes(new URL(origin).host.toLowerCase());
}

/** Reads at most `limit` bytes: null when the body is longer (whatever content-length claimed). */
async function readBounded(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A request that changes state (anything but GET and HEAD) must come from the console's own pages (its Origin is
 * this host: 403), say it sends JSON (415; a cross-site form cannot) and stay within the body bound (413, checked
 * on content-length and again on the bytes read). Gives the body, a JSON object.
 */
export async function checkStateChangingRequest(request: Request): Promise<StateChangingBody> {
  if (!sameOrigin(request)) return refuse(403, "FORBIDDEN", "Refused: this request does not come from the console's own pages (Origin).");
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") return refuse(415, "VALIDATION", "Send the request body as JSON (content-type: application/json).");
  const tooLarge = `The request body is larger than ${MAX_ROUTE_BODY_BYTES / 1024 / 1024} MB.`;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_ROUTE_BODY_BYTES) return refuse(413, "PAYLOAD_TOO_LARGE", tooLarge);
  const text = await readBounded(request, MAX_ROUTE_BODY_BYTES);
  if (text === null) return refuse(413, "PAYLOAD_TOO_LARGE", tooLarge);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, "VALIDATION", "The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return refuse(400, "VALIDATION", "The request body must be a JSON object.");
  return { ok: true, body: body as Record<string, unknown> };
}
