import "server-only";
import dns from "node:dns";
import { parseBootstrapServers } from "@/lib/clusters/bootstrap-servers";
import { AppError } from "@/lib/errors/app-error";
import { classifyAddress, isIpAddress, restrictedReason, urlHost } from "@/lib/net/address-policy";
import { getNetworkPolicy, type NetworkPolicy } from "@/server/settings/network-policy";

// The network policy applied to the addresses users give: checked when a cluster or webhook is saved or tested
// (a clear error on the form), and again at the moment of every connection (addressForConnect). A host name
// is resolved as the connection would resolve it (getaddrinfo, every address): one refused address refuses the
// host. Nothing is resolved while the policy allows every address.

const LOOKUP_TIMEOUT_MS = 5000;

async function resolve(host: string): Promise<string[]> {
  if (isIpAddress(host)) return [host];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("lookup timed out"), { code: "ETIMEOUT" })), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dns.promises.lookup(host, { all: true }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
}

type Resolution = { ok: true; addresses: string[] } | { ok: false; refusal: string };

/** The host's addresses when every one is allowed, else why the host is refused. */
async function resolveChecked(host: string): Promise<Resolution> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "error";
    return { ok: false, refusal: `${host} could not be resolved (${code}), so its address cannot be checked` };
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (!kind) continue;
    return { ok: false, refusal: address === host ? `${host} is ${restrictedReason(kind)}` : `${host} resolves to ${address}, ${restrictedReason(kind)}` };
  }
  return { ok: true, addresses };
}

const explained = (refusal: string, policy: NetworkPolicy) => {
  const where = policy.forcedOffByEnv ? "TOPIARY_ALLOW_PRIVATE_ADDRESSES=false is set on the server" : "an admin can change this under Settings";
  return `${refusal}. This console does not connect to loopback, private, link-local or other non-public addresses (${where}).`;
};

/** The first refusal among the hosts (in their order), with the policy's explanation; null when all are allowed. */
async function checkHosts(hosts: string[]): Promise<string | null> {
  const policy = await getNetworkPolicy();
  if (policy.allowPrivateAddresses) return null;
  const resolutions = await Promise.all(hosts.map(resolveChecked));
  const first = resolutions.find((r) => !r.ok);
  return first && !first.ok ? explained(first.refusal, policy) : null;
}

/**
 * Where a connection about to be opened may go, decided at the moment of connecting (every Kafka connection,
 * bootstrap or advertised broker, and every outbound HTTP call goes through here: guarded-connect.ts).
 * `null`: the policy allows every address, connect by name as usual. Otherwise the address to connect to (the
 * one that was checked, so a name that resolves elsewhere a moment later cannot slip past), or a refusal.
 */
export async function addressForConnect(host: string): Promise<{ address: string } | { refusal: string } | null> {
  const policy = await getNetworkPolicy();
  if (policy.allowPrivateAddresses) return null;
  const r = await resolveChecked(host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host);
  return r.ok ? { address: r.addresses[0] } : { refusal: explained(r.refusal, policy) };
}

/** Refuses (VALIDATION) a bootstrap list that names a host the network policy does not allow. */
export async function assertBootstrapAllowed(bootstrapServers: string): Promise<void> {
  const parsed = parseBootstrapServers(bootstrapServers);
  if (!parsed.ok) return; // the schema has refused it already
  const refusal = await checkHosts(parsed.value.map((hp) => hp.host));
  if (refusal) throw new AppError("VALIDATION", { userMessage: `Bootstrap server refused: ${refusal}`, fieldErrors: { "connection.bootstrapServers": refusal } });
}

/** Why an alert webhook may not be called now, or null. */
async function webhookUrlRefusal(url: string): Promise<string | null> {
  let host: string;
  try {
    host = urlHost(url);
  } catch {
    return "The webhook URL is not a valid URL.";
  }
  return checkHosts([host]);
}

/** Refuses (VALIDATION) a new webhook address the network policy does not allow; no address, nothing to check. */
export async function assertWebhookUrlAllowed(url: string | null | undefined): Promise<void> {
  if (!url) return;
  const refusal = await webhookUrlRefusal(url);
  if (refusal) throw new AppError("VALIDATION", { userMessage: `Webhook refused: ${refusal}`, fieldErrors: { webhookUrl: refusal } });
}
