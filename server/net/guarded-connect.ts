import "server-only";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { addressForConnect } from "./check-address-policy";

// Every outbound connection of the console goes through the network policy at the moment it is opened: Kafka
// connections (bootstrap servers and every broker the metadata advertises, through kafkajs' socket factory)
// and HTTP calls (alert webhooks; Connect and Schema Registry clients). The check reads the policy as it is
// now (a setting change applies to the next connection), resolves the name, and connects to the very address
// it checked, so a name that resolves elsewhere a moment later cannot slip past.

export const POLICY_REFUSED = "ETOPIARYPOLICY";

export class AddressRefusedError extends Error {
  readonly code = POLICY_REFUSED;
  constructor(readonly refusal: string) {
    super(`refused by the network policy: ${refusal}`);
    this.name = "AddressRefusedError";
  }
}

const KEEP_ALIVE_MS = 60_000;

type SocketFactoryArgs = { host: string; port: number; ssl: tls.ConnectionOptions | boolean | undefined; onConnect: () => void };

/**
 * kafkajs' socket factory with the policy check. It must hand back a socket at once: the socket is created
 * unconnected (wrapped in TLS when asked, which waits for the connection) and connected once the check passed;
 * a refusal destroys it with an error that kafkajs reports as a connection error.
 */
export function guardedSocketFactory({ host, port, ssl, onConnect }: SocketFactoryArgs): net.Socket {
  const raw = new net.Socket();
  raw.setKeepAlive(true, KEEP_ALIVE_MS);
  const socket = ssl
    ? tls.connect({ ...(typeof ssl === "object" ? ssl : {}), socket: raw, ...(net.isIP(host) ? {} : { servername: host }) }, onConnect)
    : raw;
  if (!ssl) raw.once("connect", onConnect);
  addressForConnect(host).then(
    (decision) => {
      if (socket.destroyed) return;
      if (decision && "refusal" in decision) socket.destroy(new AddressRefusedError(decision.refusal));
      else raw.connect({ host: decision ? decision.address : host, port });
    },
    (e) => socket.destroy(e as Error),
  );
  return socket;
}

export interface GuardedResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface GuardedRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Bytes of the answer kept (the rest is read and dropped). */
  maxBodyBytes?: number;
}

/**
 * An HTTP(S) request through the policy check. Redirects are never followed (a redirect could lead to an address
 * the policy refuses): the caller sees the 3xx.
 */
export async function guardedRequest(url: string, init: GuardedRequestInit): Promise<GuardedResponse> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`not an http(s) URL: ${target.protocol}`);
  const hostname = target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname;
  const decision = await addressForConnect(hostname);
  if (decision && "refusal" in decision) throw new AddressRefusedError(decision.refusal);
  const client = target.protocol === "https:" ? https : http;
  const maxBody = init.maxBodyBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        protocol: target.protocol,
        host: decision ? decision.address : hostname,
        port: target.port || (target.protocol === "https:" ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        method: init.method ?? "GET",
        // The Host header and the TLS name stay the URL's, whatever address was connected to.
        headers: { host: target.host, ...init.headers, ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}) },
        ...(target.protocol === "https:" && !net.isIP(hostname) ? { servername: hostname } : {}),
        ...(target.username ? { auth: `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` } : {}),
        timeout: init.timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (c: Buffer) => {
          if (kept < maxBody) {
            chunks.push(c.subarray(0, maxBody - kept));
            kept += Math.min(c.length, maxBody - kept);
          }
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    const overall = setTimeout(() => req.destroy(Object.assign(new Error(`No answer within ${init.timeoutMs / 1000} s`), { name: "TimeoutError" })), init.timeoutMs);
    req.on("close", () => clearTimeout(overall));
    req.on("timeout", () => req.destroy(Object.assign(new Error(`No answer within ${init.timeoutMs / 1000} s`), { name: "TimeoutError" })));
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
