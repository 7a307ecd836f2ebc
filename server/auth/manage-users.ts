import "server-only";
import type { Role } from "@/lib/auth/permissions";
import type { SetGrantInput } from "@/lib/auth/user-schemas";
import type { UserView } from "@/lib/auth/user-views";
import { AppError } from "@/lib/errors/app-error";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { auditRow } from "@/server/audit/record-audit";
import { prisma } from "@/server/db/prisma";
import { hashPassword } from "./passwords";


export async function listUsers(): Promise<UserView[]> {
  const users = await prisma.user.findMany({ orderBy: { username: "asc" }, include: { grants: true } });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    disabled: u.disabled,
    sso: !!u.oidcSubject,
    grants: u.grants.map((g) => ({ clusterId: g.clusterId, role: g.role as Role })),
    createdAt: u.createdAt.toISOString(),
  }));
}

/** The first admin: only while no user exists (checked inside the transaction, so two tabs cannot both make one). */
export async function createFirstAdmin(username: string, displayName: string, password: string): Promise<{ id: string; username: string }> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new AppError("CONFLICT", { userMessage: "The first admin already exists: sign in instead." });
    const u = await tx.user.create({ data: { username, displayName: displayName || username, passwordHash } });
    await tx.roleGrant.create({ data: { userId: u.id, clusterId: null, role: "admin" } });
    // Audited under its own name, in the same transaction.
    await tx.auditRecord.create({ data: auditRow({ userId: u.id, username: u.username, action: "user.create-first-admin", target: u.username, outcome: "succeeded" }) });
    return { id: u.id, username: u.username };
  });
}

export async function createUser(username: string, displayName: string, password: string): Promise<{ id: string; username: string }> {
  if (await prisma.user.findUnique({ where: { username } })) throw new AppError("CONFLICT", { userMessage: `User "${username}" exists already.`, fieldErrors: { username: "Taken" } });
  const passwordHash = await hashPassword(password);
  const u = await auditedTransaction((tx) => tx.user.create({ data: { username, displayName: displayName || username, passwordHash } }));
  return { id: u.id, username: u.username };
}

async function userOrNotFound(id: string) {
  const u = await prisma.user.findUnique({ where: { id }, include: { grants: true } });
  if (!u) throw new AppError("NOT_FOUND", { userMessage: "That user does not exist." });
  return u;
}

/** Admins on every cluster who are not disabled: the last one cannot be removed, disabled or demoted. */
async function assertNotLastAdmin(userId: string) {
  const admins = await prisma.roleGrant.findMany({ where: { clusterId: null, role: "admin", user: { disabled: false } } });
  if (admins.length === 1 && admins[0].userId === userId) {
    throw new AppError("CONFLICT", { userMessage: "This is the last admin on every cluster: make someone else admin first." });
  }
}

export async function setUserDisabled(actorId: string, userId: string, disabled: boolean): Promise<{ username: string }> {
  const u = await userOrNotFound(userId);
  if (disabled) {
    if (actorId === userId) throw new AppError("CONFLICT", { userMessage: "You cannot disable yourself." });
    await assertNotLastAdmin(userId);
  }
  return auditedTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    // A disabled user is signed out everywhere at once.
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    return { username: u.username };
  });
}

export async function setPassword(userId: string, password: string): Promise<{ username: string }> {
  const u = await userOrNotFound(userId);
  const passwordHash = await hashPassword(password);
  return auditedTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    return { username: u.username };
  });
}

export async function setGrant(input: SetGrantInput): Promise<{ username: string; clusterName: string }> {
  const u = await userOrNotFound(input.userId);
  const cluster = input.clusterId ? await prisma.cluster.findUnique({ where: { id: input.clusterId } }) : null;
  if (input.clusterId && !cluster) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist." });
  const current = u.grants.find((g) => g.clusterId === input.clusterId);
  if (input.clusterId === null && current?.role === "admin" && input.role !== "admin") await assertNotLastAdmin(u.id);
  const done = { username: u.username, clusterName: cluster?.name ?? "every cluster" };
  return auditedTransaction(async (tx) => {
    if (input.role === null) {
      if (current) await tx.roleGrant.delete({ where: { id: current.id } });
    } else if (current) {
      await tx.roleGrant.update({ where: { id: current.id }, data: { role: input.role } });
    } else {
      await tx.roleGrant.create({ data: { userId: u.id, clusterId: input.clusterId, role: input.role } });
    }
    return done;
  });
}

/**
 * Deletes a user, only with their name typed back: their sessions end and their grants go with them; their audit
 * records stay (they name the user, they do not point at the row). Nobody deletes themselves or the last admin.
 */
export async function deleteUser(actorId: string, userId: string, confirmName: string): Promise<{ username: string }> {
  const u = await userOrNotFound(userId);
  if (u.username !== confirmName) {
    throw new AppError("VALIDATION", { userMessage: `Type the user's name ("${u.username}") to confirm`, fieldErrors: { confirmName: "Does not match the user's name" } });
  }
  if (actorId === userId) throw new AppError("CONFLICT", { userMessage: "You cannot delete yourself." });
  await assertNotLastAdmin(userId);
  return auditedTransaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    return { username: u.username };
  });
}
