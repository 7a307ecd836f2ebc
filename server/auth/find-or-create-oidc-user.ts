import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { displayNameFromClaims, usernameFromClaims, type IdentityClaims } from "@/lib/auth/username-from-claims";
import type { User } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";

const isUniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === "P2002";

/**
 * The user of an OpenID Connect identity: the one holding (issuer, subject), else a new user. A new user gets a
 * name of their own (a suffix when the name is taken), never an existing account of the same name: a provider
 * must not be able to sign someone into a local account. The new user, their default role and the audit record
 * of their creation commit together.
 */
export async function findOrCreateOidcUser(issuer: string, claims: IdentityClaims, defaultRole: Role | null): Promise<{ user: User; created: boolean }> {
  const where = { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: claims.sub } };
  for (let round = 0; round < 5; round++) {
    const existing = await prisma.user.findUnique({ where });
    if (existing) return { user: existing, created: false };

    const base = usernameFromClaims(claims);
    // Names are compared without case, so "Ada" is not handed out next to "ada".
    const taken = new Set((await prisma.user.findMany({ where: { username: { startsWith: base } }, select: { username: true } })).map((u) => u.username.toLowerCase()));
    let attempt = 1;
    while (taken.has(usernameFromClaims(claims, attempt).toLowerCase())) attempt++;
    const username = usernameFromClaims(claims, attempt);

    try {
      const user = await prisma.$transaction(async (tx) => {
        const u = await tx.user.create({ data: { username, displayName: displayNameFromClaims(claims, username), oidcIssuer: issuer, oidcSubject: claims.sub } });
        if (defaultRole) await tx.roleGrant.create({ data: { userId: u.id, clusterId: null, role: defaultRole } });
        await tx.auditRecord.create({
          data: {
            userId: u.id,
            username: u.username,
            action: "user.create",
            target: u.username,
            outcome: "succeeded",
            detail: `first OpenID Connect sign-in; ${defaultRole ? `role ${defaultRole} on every cluster (OIDC_DEFAULT_ROLE)` : "no role until an admin grants one"}`,
          },
        });
        return u;
      });
      return { user, created: true };
    } catch (e) {
      // Someone took the name, or the same identity signed in twice at once: look again.
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error("could not create a user for an OpenID Connect identity after 5 tries");
}
