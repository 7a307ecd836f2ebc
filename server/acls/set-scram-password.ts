import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { SCRAM_MECHANISM_CODES, type changeScramPasswordInputSchema, type createScramUserInputSchema, type ScramPasswordSet } from "@/lib/acls/scram-users";
import type { Cluster } from "@/prisma/generated/client";
import { logger } from "@/server/log";
import { kafkaErrorId, withAdminConnection } from "./admin-connection";

type SetPasswordInput = z.output<typeof createScramUserInputSchema> | z.output<typeof changeScramPasswordInputSchema>;

/** Which users exist, by name (RESOURCE_NOT_FOUND is Kafka's answer for a user without credentials). */
async function hasCredentials(cluster: Cluster, username: string): Promise<boolean> {
  try {
    const r = await withAdminConnection(cluster, "describing a SCRAM user", (connection, lib) => lib.describeUserScramCredentialsV0.api.async(connection, [{ name: username }]));
    return r.results.some((u) => u.user === username && u.credentialInfos.length > 0);
  } catch (e) {
    if (kafkaErrorId(e) === "RESOURCE_NOT_FOUND") return false;
    throw e;
  }
}

/**
 * Sets a user's SCRAM password through AlterUserScramCredentials: the salted password is computed here (PBKDF2,
 * as Kafka's ScramFormatter does; the Java AdminClient does the same), so the password itself never reaches
 * the broker's log or Topiary's store. `mode` "create" refuses an existing user, "change" a missing one.
 * A generated password is answered once and kept nowhere.
 */
export async function setScramPassword(cluster: Cluster, input: SetPasswordInput, mode: "create" | "change"): Promise<ScramPasswordSet> {
  const { username, mechanism, iterations } = input;
  const exists = await hasCredentials(cluster, username);
  if (mode === "create" && exists) {
    throw new AppError("CONFLICT", { userMessage: `User "${username}" already has SCRAM credentials: change its password instead.`, fieldErrors: { username: "Already exists" } });
  }
  if (mode === "change" && !exists) throw new AppError("NOT_FOUND", { userMessage: `User "${username}" has no SCRAM credentials (any more).` });

  const generated = input.generatePassword ? crypto.randomBytes(24).toString("base64url") : null;
  const password = generated ?? input.password ?? "";
  await withAdminConnection(cluster, mode === "create" ? "creating a SCRAM user" : "changing a SCRAM password", async (connection, lib) => {
    const algorithm = lib.saslScramSha.ScramAlgorithms[mechanism === "SCRAM-SHA-512" ? "SHA-512" : "SHA-256"];
    const salt = crypto.randomBytes(32);
    const saltedPassword = await lib.saslScramSha.hi(algorithm, password, salt, iterations);
    return lib.alterUserScramCredentialsV0.api.async(connection, [], [{ name: username, mechanism: SCRAM_MECHANISM_CODES[mechanism], iterations, salt, saltedPassword }]);
  });
  logger.info(mode === "create" ? "SCRAM user created" : "SCRAM password changed", { clusterId: cluster.id, user: username, mechanism });
  return { username, principal: `User:${username}`, mechanism, generatedPassword: generated };
}
