import "server-only";
import http from "node:http";
import { trustedProxyHops } from "@/server/config";

// The address a request came from, for sign-in throttling and the audit log. Next.js fills X-Forwarded-For
// from the socket only when the client did not send one, so the header alone can be forged. Every request
// this process serves is therefore stamped, before Next.js sees it, with the address taken from the socket,
// or from X-Forwarded-For as counted from the right when TOPIARY_TRUSTED_PROXIES says proxies add to it.

export const CLIENT_ADDRESS_HEADER = "x-topiary-client-address";

/** The client's address from a socket's peer and an X-Forwarded-For header, trusting `hops` proxies. */
export function addressFrom(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const peer = (socketAddress ?? "unknown").replace(/^::ffff:/, "");
  if (hops === 0 || !forwardedFor) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The last `hops` entries were added by proxies we trust; the one before them is the client as they saw it.
  const candidate = chain[chain.length - hops];
  return candidate ? candidate.replace(/^::ffff:/, "").slice(0, 100) : peer;
}

const g = globalThis as unknown as { topiaryClientAddressInstalled?: boolean };

/** Stamps every incoming HTTP request of this process with its client address (idempotent). */
export function installClientAddressStamp(): void {
  if (g.topiaryClientAddressInstalled) return;
  g.topiaryClientAddressInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[CLIENT_ADDRESS_HEADER] = addressFrom(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trustedProxyHops());
    }
    return (emit as (this: http.Server, event: string | symbol, ...a: unknown[]) => boolean).apply(this, [event, ...args]);
  } as typeof emit;
}

/** The current request's client address (see above), or "unknown" outside a request. */
export async function clientAddress(request?: Request): Promise<string> {
  if (request) return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  } catch {
    return "unknown";
  }
}
