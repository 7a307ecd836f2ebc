// Parsing and checking of a bootstrap list ("host:port,host:port"), shared by the form and the server.

export interface HostPort {
  host: string;
  port: number;
}

const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)(\.[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)*\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

export type ParseResult = { ok: true; value: HostPort[] } | { ok: false; error: string };

/** Parses a comma-separated list of host:port pairs. IPv6 hosts are written in brackets: [::1]:9092. */
export function parseBootstrapServers(input: string): ParseResult {
  const parts = input
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, error: "Enter at least one bootstrap server as host:port" };
  if (parts.length > 50) return { ok: false, error: "At most 50 bootstrap servers" };
  const value: HostPort[] = [];
  for (const part of parts) {
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(part) ?? /^([^:\[\]]+):(\d+)$/.exec(part);
    if (!m) return { ok: false, error: `"${part}" is not host:port (e.g. broker-1.example.com:9092)` };
    const [, host, portText] = m;
    const bracketed = part.startsWith("[");
    const validHost = bracketed ? IPV6.test(host) && host.includes(":") : IPV4.test(host) || (HOSTNAME.test(host) && !/^\d+(\.\d+)*$/.test(host));
    if (!validHost) return { ok: false, error: `"${host}" is not a valid host name or IP address` };
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { ok: false, error: `Port ${portText} in "${part}" is out of range (1–65535)` };
    }
    value.push({ host, port });
  }
  return { ok: true, value };
}

export function formatBootstrapServers(list: HostPort[]): string {
  return list.map(({ host, port }) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`)).join(",");
}
