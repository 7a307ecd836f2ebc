import "server-only";
import dns from "node:dns";
import { parseBootstrapServers } from "@/lib/clusters/bootstrap-servers";
import { AppError } from "@/lib/errors/app-error";
import { classifyAddress, isIpAddress, restrictedReason, urlHost } from "@/lib/net/address-policy";
import { getNetworkPolicy } from "@/server/settings/network-policy";

// The network policy applied to the addresses users give: cluster bootstrap lists (saved or tested) and alert
// webhooks (saved, and again before each delivery, since a name may resolve elsewhere by then). A host name is
// resolved as the connection will resolve it (getaddrinfo, every address): one refused address refuses the host.
// Nothing is resolved while the policy allows every address.

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

/** Why the host is refused, or null when every address it resolves to is allowed. */
async function refusalOf(host: string): Promise<string | null> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "error";
    return `${host} could not be resolved (${code}), so its address cannot be checked`;
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (!kind) continue;
    return address === host ? `${host} is ${restrictedReason(kind)}` : `${host} resolves to ${address}, ${restrictedReason(kind)}`;
  }
  return null;
}

/** The first refusal among the hosts (in their order), with the policy's explanation; null when all are allowed. */
async function checkHosts(hosts: string[]): Promise<string | null> {
  const policy = await getNetworkPolicy();
  if (policy.allowPrivateAddresses) return null;
  const refusals = await Promise.all(hosts.map(refusalOf));
  const first = refusals.find((r) => r !== null);
  if (!first) return null;
  const where = policy.forcedOffByEnv ? "TOPIARY_ALLOW_PRIVATE_ADDRESSES=false is set on the server" : "an admin can change this under Settings";
  return `${first}. This console does not connect to loopback, private or link-local addresses (${where}).`;
}

/** Refuses (VALIDATION) a bootstrap list that names a host the network policy does not allow. */
export async function assertBootstrapAllowed(bootstrapServers: string): Promise<void> {
  const parsed = parseBootstrapServers(bootstrapServers);
  if (!parsed.ok) return; // the schema has refused it already
  const refusal = await checkHosts(parsed.value.map((hp) => hp.host));
  if (refusal) throw new AppError("VALIDATION", { userMessage: `Bootstrap server refused: ${refusal}`, fieldErrors: { "connection.bootstrapServers": refusal } });
}

/** Why an alert webhook may not be called now, or null. */
export async function webhookUrlRefusal(url: string): Promise<string | null> {
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
