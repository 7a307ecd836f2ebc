// Changes to the store commit with their audit record, in one transaction: a record that cannot be written
// undoes the change and fails the action. Users can be deleted, their sessions end, their records stay.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDesignAction, renameDesignAction } from "@/server/actions/design-actions";
import { setNetworkPolicyAction } from "@/server/actions/settings-actions";
import { createUserAction, deleteUserAction, setGrantAction } from "@/server/actions/user-actions";
import { prisma, storeKind } from "@/server/db/prisma";
import { userForToken } from "@/server/auth/sessions";
import { ALLOW_PRIVATE_ADDRESSES_KEY } from "@/server/settings/network-policy";
import { asSession, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { unique } from "@/server/test-support/fixtures";

/** Makes the store refuse audit records whose target is `target` (a trigger, in the store's own dialect), for this test only. */
async function refuseAuditFor(target: string) {
  const quoted = `'${target.replace(/'/g, "''")}'`;
  if (storeKind() === "postgres") {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION refuse_audit_test() RETURNS trigger AS $$ BEGIN IF NEW."target" = ${quoted} THEN RAISE EXCEPTION 'audit store refused the record'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_audit_test BEFORE INSERT ON "AuditRecord" FOR EACH ROW EXECUTE FUNCTION refuse_audit_test()`);
    return;
  }
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER IF NOT EXISTS refuse_audit_test BEFORE INSERT ON "AuditRecord" WHEN NEW."target" = ${quoted} BEGIN SELECT RAISE(ABORT, 'audit store refused the record'); END;`,
  );
}
afterEach(async () => {
  await prisma.$executeRawUnsafe(storeKind() === "postgres" ? `DROP TRIGGER IF EXISTS refuse_audit_test ON "AuditRecord"` : "DROP TRIGGER IF EXISTS refuse_audit_test");
  await prisma.setting.deleteMany({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
});

describe("a change to the store and its audit record commit together", () => {
  it("creating a design writes the design and its record; when the record cannot be written, neither is", async () => {
    const name = unique("audited-design");
    const done = await createDesignAction({ name, from: { kind: "blank" } });
    expect(done.ok).toBe(true);
    expect(await prisma.auditRecord.count({ where: { action: "design.create", target: name, outcome: "succeeded" } })).toBe(1);

    const refused = unique("unaudited-design");
    await refuseAuditFor(refused);
    const failed = await createDesignAction({ name: refused, from: { kind: "blank" } });
    expect(failed.ok).toBe(false);
    expect(await prisma.design.count({ where: { name: refused } })).toBe(0);
  });

  it("a rename whose record cannot be written leaves the old name", async () => {
    const created = await createDesignAction({ name: unique("before"), from: { kind: "blank" } });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const newName = unique("after");
    await refuseAuditFor(`${created.data.name} → ${newName}`);
    expect((await renameDesignAction({ id, name: newName })).ok).toBe(false);
    expect((await prisma.design.findUniqueOrThrow({ where: { id } })).name).toBe(created.data.name);
  });

  it("a settings change whose record cannot be written does not change the setting", async () => {
    await refuseAuditFor("loopback and private addresses refused");
    expect((await setNetworkPolicyAction({ allowPrivateAddresses: false })).ok).toBe(false);
    expect(await prisma.setting.findUnique({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } })).toBeNull();
  });

  it("a grant whose record cannot be written is not given", async () => {
    const u = await createUserAction({ username: unique("granted"), displayName: "", password: "a long enough password" });
    if (!u.ok) throw new Error(u.error.message);
    await refuseAuditFor(`${u.data.username}: viewer on every cluster`);
    expect((await setGrantAction({ userId: u.data.id, clusterId: null, role: "viewer" })).ok).toBe(false);
    expect(await prisma.roleGrant.count({ where: { userId: u.data.id } })).toBe(0);
  });
});

describe("deleting a user", () => {
  let restore: () => void;
  beforeAll(() => {
    restore = withSignInOn();
  });
  afterAll(() => restore());

  it("needs the name typed back, ends their sessions, removes their grants and keeps their audit records", async () => {
    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    const victim = await userWithRoles([{ clusterId: null, role: "viewer" }]);
    // Something the victim did, to find in the audit log afterwards.
    await asSession(victim.token, () => createDesignAction({ name: unique("by-victim"), from: { kind: "blank" } }));
    const theirRecords = await prisma.auditRecord.count({ where: { username: victim.user.username } });
    expect(theirRecords).toBeGreaterThan(0);

    const wrongName = await asSession(admin.token, () => deleteUserAction({ userId: victim.user.id, confirmName: "someone else" }));
    expect(wrongName).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { confirmName: expect.any(String) } } });
    expect(await userForToken(victim.token)).not.toBeNull();

    const done = await asSession(admin.token, () => deleteUserAction({ userId: victim.user.id, confirmName: victim.user.username }));
    expect(done).toMatchObject({ ok: true, data: { username: victim.user.username } });
    expect(await prisma.user.findUnique({ where: { id: victim.user.id } })).toBeNull();
    expect(await userForToken(victim.token)).toBeNull();
    expect(await prisma.roleGrant.count({ where: { userId: victim.user.id } })).toBe(0);
    expect(await prisma.auditRecord.count({ where: { username: victim.user.username } })).toBe(theirRecords);
    expect(await prisma.auditRecord.count({ where: { action: "user.delete", target: victim.user.username, username: admin.user.username, outcome: "succeeded" } })).toBe(1);
  });

  it("refuses deleting yourself, and a viewer may not delete anyone", async () => {
    const admin = await userWithRoles([{ clusterId: null, role: "admin" }]);
    const self = await asSession(admin.token, () => deleteUserAction({ userId: admin.user.id, confirmName: admin.user.username }));
    expect(self).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "You cannot delete yourself." } });
    const viewer = await userWithRoles([{ clusterId: null, role: "viewer" }]);
    expect(await asSession(viewer.token, () => deleteUserAction({ userId: admin.user.id, confirmName: admin.user.username }))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await prisma.user.findUnique({ where: { id: admin.user.id } })).not.toBeNull();
  });
});
