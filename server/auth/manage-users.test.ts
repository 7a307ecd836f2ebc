// Taking a role away (issue 12, item 11), on the server: the console asks first and says what is lost
// (components/users/role-loss.ts); here, what it then does. The last admin on every cluster cannot remove or lower
// their own admin role; with another admin left they can, and lose user management at once. Store only, no Kafka.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setGrantAction } from "@/server/actions/user-actions";
import { prisma } from "@/server/db/prisma";
import { asSession, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { makeCluster } from "@/server/test-support/fixtures";

let restore: () => void;
beforeAll(() => {
  restore = withSignInOn();
});
afterAll(() => restore());

/**
 * Runs `fn` with `userId` as the only admin on every cluster in this worker's store: other files' admins are taken
 * away for the while and given back afterwards (a worker runs one file at a time).
 */
async function asOnlyAdmin<T>(userId: string, fn: () => Promise<T>): Promise<T> {
  const others = await prisma.roleGrant.findMany({ where: { clusterId: null, role: "admin", userId: { not: userId } } });
  await prisma.roleGrant.deleteMany({ where: { id: { in: others.map((g) => g.id) } } });
  try {
    return await fn();
  } finally {
    await prisma.roleGrant.createMany({ data: others });
  }
}

const grantsOf = async (userId: string) => (await prisma.roleGrant.findMany({ where: { userId }, select: { clusterId: true, role: true } })).map((g) => `${g.role} on ${g.clusterId ?? "every cluster"}`);

describe("removing a role", () => {
  it("the last admin on every cluster can neither remove nor lower their own admin role; the refusal says why and is audited", async () => {
    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    await asOnlyAdmin(admin.user.id, async () => {
      for (const role of [null, "viewer"] as const) {
        const refused = await asSession(admin.token, () => setGrantAction({ userId: admin.user.id, clusterId: null, role }));
        expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "This is the last admin on every cluster: make someone else admin first." } });
      }
    });
    expect(await grantsOf(admin.user.id)).toEqual(["admin on every cluster"]);
    const records = await prisma.auditRecord.findMany({ where: { action: "user.grant", username: admin.user.username }, orderBy: { id: "asc" } });
    expect(records.map((r) => [r.outcome, r.target])).toEqual([
      ["refused", `${admin.user.id}: no role on every cluster`],
      ["refused", `${admin.user.id}: viewer on every cluster`],
    ]);
  });

  it("with another admin left, an admin removes their own admin role and loses user management at once; another admin gives it back", async () => {
    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    const other = await userWithRoles([{ clusterId: null, role: "admin" }]);
    const cluster = await makeCluster();

    const removed = await asSession(admin.token, () => setGrantAction({ userId: admin.user.id, clusterId: null, role: null }));
    expect(removed).toMatchObject({ ok: true, data: { username: admin.user.username, clusterName: "every cluster" } });
    expect(await grantsOf(admin.user.id)).toEqual([]);
    expect(await prisma.auditRecord.count({ where: { action: "user.grant", username: admin.user.username, outcome: "succeeded", target: `${admin.user.username}: no role on every cluster` } })).toBe(1);

    // The same session, with no role left: granting anything (even to themselves) is refused.
    const after = await asSession(admin.token, () => setGrantAction({ userId: admin.user.id, clusterId: cluster.id, role: "viewer" }));
    expect(after).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await grantsOf(admin.user.id)).toEqual([]);

    // Only another admin can give it back.
    expect(await asSession(other.token, () => setGrantAction({ userId: admin.user.id, clusterId: null, role: "admin" }))).toMatchObject({ ok: true });
    expect(await asSession(admin.token, () => setGrantAction({ userId: admin.user.id, clusterId: cluster.id, role: "viewer" }))).toMatchObject({ ok: true });
    expect((await grantsOf(admin.user.id)).sort()).toEqual(["admin on every cluster", "viewer on " + cluster.id]);
  });

  it("removing someone else's role on one cluster takes only that role", async () => {
    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    const a = await makeCluster();
    const b = await makeCluster();
    const user = await userWithRoles([
      { clusterId: a.id, role: "editor" },
      { clusterId: b.id, role: "viewer" },
    ]);
    const done = await asSession(admin.token, () => setGrantAction({ userId: user.user.id, clusterId: a.id, role: null }));
    expect(done).toMatchObject({ ok: true, data: { username: user.user.username, clusterName: a.name } });
    expect(await grantsOf(user.user.id)).toEqual([`viewer on ${b.id}`]);
    expect(await prisma.auditRecord.count({ where: { action: "user.grant", username: admin.user.username, outcome: "succeeded", target: `${user.user.username}: no role on ${a.name}` } })).toBe(1);
  });
});
