// The network policy against a real SQLite file and a real HTTP receiver: with loopback and private addresses
// refused, clusters and webhooks that name them are refused (and nothing is stored), webhooks are checked again
// before each delivery, and only admins on every cluster change the setting.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/errors/action-result";
import { createAlertRuleAction, updateAlertRuleAction } from "@/server/actions/alert-actions";
import { createClusterAction, testConnectionAction, updateClusterAction } from "@/server/actions/cluster-actions";
import { setNetworkPolicyAction } from "@/server/actions/settings-actions";
import { prisma } from "@/server/db/prisma";
import { deliverPendingWebhooks } from "@/server/alerts/deliver-webhooks";
import { asSession, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { makeCluster, unique } from "@/server/test-support/fixtures";
import { ALLOW_PRIVATE_ADDRESSES_KEY, getNetworkPolicy, setAllowPrivateAddresses } from "./network-policy";

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r.error)}`);
  return r.data;
}
function failed<T>(r: ActionResult<T>) {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return r.error;
}

// The worker's database outlives this file: every test leaves the setting as it found it (unset: allowed).
afterEach(async () => {
  await prisma.setting.deleteMany({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
  delete process.env.TOPIARY_ALLOW_PRIVATE_ADDRESSES;
});

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

/** A local HTTP receiver: records each request's path and answers 200, or a redirect on /redirect. */
async function receiver() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push(req.url ?? "");
      if (req.url === "/redirect") res.writeHead(302, { location: "/landing" }).end();
      else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const REFUSED = [
  { bootstrap: "127.0.0.1:9092", says: /127\.0\.0\.1 is a loopback address/ },
  { bootstrap: "localhost:9092", says: /localhost resolves to (127\.0\.0\.1|::1), a loopback address/ },
  { bootstrap: "10.1.2.3:9092", says: /10\.1\.2\.3 is a private network address/ },
  { bootstrap: "169.254.169.254:80", says: /169\.254\.169\.254 is a link-local address \(such as the cloud metadata service/ },
];

describe("with loopback and private addresses refused", () => {
  it.each(REFUSED)("creating a cluster at $bootstrap is refused with the reason, and nothing is stored", async ({ bootstrap, says }) => {
    await setAllowPrivateAddresses(false);
    const name = unique("policy");
    const error = failed(await createClusterAction({ name, readOnly: false, connection: { bootstrapServers: bootstrap } }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toMatch(/^Bootstrap server refused: /);
    expect(error.message).toMatch(says);
    expect(error.message).toContain("an admin can change this under Settings");
    expect(error.fieldErrors?.["connection.bootstrapServers"]).toMatch(says);
    expect(await prisma.cluster.count({ where: { name } })).toBe(0);
  });

  it("one refused broker in the list refuses the list; public addresses are allowed", async () => {
    await setAllowPrivateAddresses(false);
    const mixed = failed(await createClusterAction({ name: unique("policy"), readOnly: false, connection: { bootstrapServers: "8.8.8.8:9092,[::ffff:192.168.1.5]:9092" } }));
    expect(mixed.message).toMatch(/::ffff:192\.168\.1\.5 is a private network address/);
    const name = unique("policy");
    ok(await createClusterAction({ name, readOnly: false, connection: { bootstrapServers: "8.8.8.8:9092,[2001:4860:4860::8888]:9092" } }));
    expect(await prisma.cluster.count({ where: { name } })).toBe(1);
  });

  it("updating a cluster to a refused address, and testing a connection to one, are refused too", async () => {
    const c = await makeCluster({ bootstrap: "8.8.8.8:9092" });
    await setAllowPrivateAddresses(false);
    const update = failed(await updateClusterAction({ id: c.id, name: c.name, readOnly: false, connection: { bootstrapServers: "127.0.0.1:9092" } }));
    expect(update.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect((await prisma.cluster.findUniqueOrThrow({ where: { id: c.id } })).bootstrapServers).toBe("8.8.8.8:9092");

    const started = Date.now();
    const test = failed(await testConnectionAction({ connection: { bootstrapServers: "169.254.169.254:80" } }));
    expect(test).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/169\.254\.169\.254 is a link-local address/) });
    expect(Date.now() - started).toBeLessThan(2000); // refused before any connection is tried
  });

  it("a name that does not resolve is refused, since its address cannot be checked", async () => {
    await setAllowPrivateAddresses(false);
    const error = failed(await createClusterAction({ name: unique("policy"), readOnly: false, connection: { bootstrapServers: "no-such-host.invalid:9092" } }));
    expect(error.message).toMatch(/no-such-host\.invalid could not be resolved \(\w+\)/);
  });

  it("an alert rule with a webhook to a loopback address is refused, on create and on update", async () => {
    const c = await makeCluster();
    await setAllowPrivateAddresses(false);
    const name = unique("rule");
    const error = failed(await createAlertRuleAction({ clusterId: c.id, name, kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl: "http://127.0.0.1:9/x" }));
    expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { webhookUrl: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) } });
    expect(error.message).toMatch(/^Webhook refused: 127\.0\.0\.1 is a loopback address/);
    expect(await prisma.alertRule.count({ where: { clusterId: c.id } })).toBe(0);

    // The same spelled otherwise: a decimal IPv4 address and a mapped IPv6 one.
    for (const webhookUrl of ["http://2130706433:9/x", "http://[::ffff:127.0.0.1]:9/x", "https://169.254.169.254/latest/meta-data"]) {
      expect(failed(await createAlertRuleAction({ clusterId: c.id, name, kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl })).code).toBe("VALIDATION");
    }

    // No webhook: nothing to check.
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name, kind: "lag", lagAbove: 1, forMinutes: 0 }));
    const update = failed(await updateAlertRuleAction({ clusterId: c.id, id: rule.id, name, kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl: "http://10.0.0.8/hook" }));
    expect(update.message).toMatch(/10\.0\.0\.8 is a private network address/);
    expect((await prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).webhookUrl).toBeNull();
  });

  it("TOPIARY_ALLOW_PRIVATE_ADDRESSES=false forces it off whatever the setting says, and the setting cannot turn it on", async () => {
    await setAllowPrivateAddresses(true);
    process.env.TOPIARY_ALLOW_PRIVATE_ADDRESSES = "false";
    expect(await getNetworkPolicy()).toEqual({ allowPrivateAddresses: false, forcedOffByEnv: true });
    const error = failed(await createClusterAction({ name: unique("policy"), readOnly: false, connection: { bootstrapServers: "127.0.0.1:9092" } }));
    expect(error.message).toContain("TOPIARY_ALLOW_PRIVATE_ADDRESSES=false is set on the server");
    expect(failed(await setNetworkPolicyAction({ allowPrivateAddresses: true })).code).toBe("CONFLICT");
  });
});

describe("with loopback and private addresses allowed (the default)", () => {
  it("is the default, and the same clusters and webhooks are accepted", async () => {
    expect(await getNetworkPolicy()).toEqual({ allowPrivateAddresses: true, forcedOffByEnv: false });
    for (const { bootstrap } of REFUSED) {
      const name = unique("policy");
      ok(await createClusterAction({ name, readOnly: false, connection: { bootstrapServers: bootstrap } }));
      expect(await prisma.cluster.count({ where: { name } })).toBe(1);
    }
    const c = await makeCluster();
    ok(await createAlertRuleAction({ clusterId: c.id, name: unique("rule"), kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl: "http://127.0.0.1:9/x" }));
  });

  it("turned off and on again through the action (local admin)", async () => {
    expect(ok(await setNetworkPolicyAction({ allowPrivateAddresses: false }))).toEqual({ allowPrivateAddresses: false, forcedOffByEnv: false });
    expect(failed(await createClusterAction({ name: unique("policy"), readOnly: false, connection: { bootstrapServers: "127.0.0.1:9092" } })).code).toBe("VALIDATION");
    expect(ok(await setNetworkPolicyAction({ allowPrivateAddresses: true }))).toEqual({ allowPrivateAddresses: true, forcedOffByEnv: false });
    ok(await createClusterAction({ name: unique("policy"), readOnly: false, connection: { bootstrapServers: "127.0.0.1:9092" } }));
  });
});

describe("webhook delivery", () => {
  async function pendingDelivery(webhookUrl: string) {
    const c = await makeCluster();
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: unique("rule"), kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl }));
    const event = await prisma.alertEvent.create({ data: { ruleId: rule.id, clusterId: c.id, groupId: "g", state: "firing", message: "lag 5 > 1" } });
    return prisma.webhookDelivery.create({ data: { eventId: event.id, transition: "firing", status: "pending" } });
  }

  it("checks the address again before each POST: refused while the policy is off, delivered once it is on", async () => {
    const hook = await receiver();
    const d = await pendingDelivery(`${hook.url}/hook?token=secret`);
    await setAllowPrivateAddresses(false);
    await deliverPendingWebhooks();
    const refused = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(refused).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: expect.stringMatching(/^Not sent: 127\.0\.0\.1 is a loopback address/) });
    expect(refused.lastError).not.toContain("secret");
    expect(hook.hits).toEqual([]);

    await setAllowPrivateAddresses(true);
    await prisma.webhookDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: null } });
    await deliverPendingWebhooks();
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200 });
    expect(hook.hits).toEqual(["/hook?token=secret"]);
  });

  it("does not follow a redirect: the delivery fails with the 302", async () => {
    const hook = await receiver();
    const d = await pendingDelivery(`${hook.url}/redirect`);
    await deliverPendingWebhooks();
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "pending", attempts: 1, lastStatus: 302 });
    expect(hook.hits).toEqual(["/redirect"]);
  });
});

describe("the setting needs users:manage", () => {
  let restore: () => void;
  beforeAll(() => {
    restore = withSignInOn();
  });
  afterAll(() => restore());

  it("401 without a session, 403 for an editor on every cluster, done (and audited) for an admin on every cluster", async () => {
    expect(failed(await asSession(null, () => setNetworkPolicyAction({ allowPrivateAddresses: false }))).code).toBe("UNAUTHENTICATED");

    const editor = await userWithRoles([{ clusterId: null, role: "editor" }]);
    expect(failed(await asSession(editor.token, () => setNetworkPolicyAction({ allowPrivateAddresses: false }))).code).toBe("FORBIDDEN");
    const c = await makeCluster();
    const clusterAdmin = await userWithRoles([{ clusterId: c.id, role: "admin" }]);
    expect(failed(await asSession(clusterAdmin.token, () => setNetworkPolicyAction({ allowPrivateAddresses: false }))).code).toBe("FORBIDDEN");
    expect((await getNetworkPolicy()).allowPrivateAddresses).toBe(true);

    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    expect(ok(await asSession(admin.token, () => setNetworkPolicyAction({ allowPrivateAddresses: false })))).toEqual({ allowPrivateAddresses: false, forcedOffByEnv: false });
    expect((await getNetworkPolicy()).allowPrivateAddresses).toBe(false);

    const usernames = [editor.user.username, clusterAdmin.user.username, admin.user.username];
    const audit = await prisma.auditRecord.findMany({ where: { action: "settings.network", username: { in: usernames } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.username, a.outcome])).toEqual([
      [editor.user.username, "refused"],
      [clusterAdmin.user.username, "refused"],
      [admin.user.username, "succeeded"],
    ]);
    expect(audit.at(-1)?.target).toBe("loopback and private addresses refused");
  });
});
