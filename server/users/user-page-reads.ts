import "server-only";
import { z } from "zod";
import { listUsers } from "@/server/auth/manage-users";
import { prisma } from "@/server/db/prisma";
import { guardedQuery } from "@/server/guard/guarded-query";

/** The users page: every user with their grants, and the clusters roles can be granted on. */
export const usersPageQuery = guardedQuery({ name: "listUsers", input: z.object({}), permission: "users:manage" }, async () => ({
  users: await listUsers(),
  clusters: (await prisma.cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })).map((c) => ({ id: c.id, name: c.name })),
}));
