// Which IP addresses a deployment open to untrusted users should not let Topiary connect to: the machine itself,
// the private network around it and the cloud metadata service. Pure: the server resolves host names and asks
// here about each address (server/net/check-address-policy.ts).

export type RestrictedKind = "loopback" | "private" | "link-local" | "unspecified" | "shared" | "reserved" | "multicast" | "broadcast";

const REASONS: Record<RestrictedKind, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  "link-local": "a link-local address (such as the cloud metadata service 169.254.169.254)",
  unspecified: "an unspecified address",
  shared: "a carrier-grade NAT address (100.64.0.0/10)",
  reserved: "a reserved address (IETF protocol assignments 192.0.0.0/24, benchmarking 198.18.0.0/15, or 240.0.0.0/4)",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

/** Why an address of this kind is refused, for a user message ("127.0.0.1 is …"). */
export function restrictedReason(kind: RestrictedKind): string {
  return REASONS[kind];
}

/** The 4 bytes of a dotted-quad IPv4 address (exactly four decimal parts), or null. */
function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

/** The 16 bytes of an IPv6 address (with `::`, an embedded IPv4 tail, a zone id or brackets), or null. */
function parseIPv6(text: string): number[] | null {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    s = `${s.slice(0, lastColon + 1)}0:0`; // two placeholder groups, replaced by the IPv4 bytes below
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** True when the text is an IPv4 or IPv6 address (not a host name). */
export function isIpAddress(text: string): boolean {
  return parseIPv4(text) !== null || parseIPv6(text) !== null;
}

function classifyIPv4([a, b, c, d]: number[]): RestrictedKind | null {
  if (a === 255 && b === 255 && c === 255 && d === 255) return "broadcast";
  if (a === 127) return "loopback";
  if (a === 0) return "unspecified"; // 0.0.0.0/8, "this network": connecting to it reaches this machine
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "shared";
  if ((a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 240) return "reserved";
  if (a >= 224 && a <= 239) return "multicast";
  return null;
}

const isZero = (bytes: number[]) => bytes.every((b) => b === 0);

/** The worse of two classifications (any restricted kind beats none). */
const either = (a: RestrictedKind | null, b: RestrictedKind | null) => a ?? b;

function classifyIPv6(bytes: number[]): RestrictedKind | null {
  const v4At = (i: number) => bytes.slice(i, i + 4);
  // Addresses that reach an IPv4 address inside them are judged by that address:
  // IPv4-mapped (::ffff:a.b.c.d), the NAT64 well-known prefix (64:ff9b::a.b.c.d, RFC 6052), 6to4 (2002:AABB:CCDD::,
  // RFC 3056) and Teredo (2001:0::/32: the server's address, and the client's with its bits inverted, RFC 4380).
  const mapped = isZero(bytes.slice(0, 10)) && bytes[10] === 0xff && bytes[11] === 0xff;
  const nat64 = bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && isZero(bytes.slice(4, 12));
  if (mapped || nat64) return classifyIPv4(v4At(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return classifyIPv4(v4At(2));
  if (bytes[0] === 0x20 && bytes[1] === 0x01 && bytes[2] === 0 && bytes[3] === 0) return either(classifyIPv4(v4At(4)), classifyIPv4(v4At(12).map((x) => x ^ 0xff)));
  // NAT64 local-use prefix (64:ff9b:1::/48, RFC 8215): translates into the local network, wherever the IPv4 part sits.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes[4] === 0 && bytes[5] === 1) return "private";
  if (isZero(bytes.slice(0, 12))) {
    if (isZero(bytes.slice(12, 15))) return bytes[15] === 1 ? "loopback" : bytes[15] === 0 ? "unspecified" : "reserved";
    return classifyIPv4(v4At(12)); // IPv4-compatible (::a.b.c.d), deprecated but still parsed by resolvers
  }
  if (bytes[0] === 0xff) return "multicast"; // ff00::/8
  if ((bytes[0] & 0xfe) === 0xfc) return "private"; // fc00::/7, unique local
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return "link-local"; // fe80::/10
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return "private"; // fec0::/10, the old site-local
  return null;
}

/**
 * The kind of restricted address this is, or null for a public one. Throws on text that is not an IP address:
 * host names are resolved first, and a caller that classifies a name has a bug.
 */
export function classifyAddress(ip: string): RestrictedKind | null {
  const v4 = parseIPv4(ip);
  if (v4) return classifyIPv4(v4);
  const v6 = parseIPv6(ip);
  if (v6) return classifyIPv6(v6);
  throw new Error(`not an IP address: ${ip}`);
}

/** The host of an http(s) URL as a resolver takes it: IPv6 without its brackets. */
export function urlHost(url: string): string {
  const host = new URL(url).hostname;
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
