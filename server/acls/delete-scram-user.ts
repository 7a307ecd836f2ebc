import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { SCRAM_MECHANISM_CODES, type deleteScramUserInputSchema, type ScramMechanism } from "@/lib/acls/scram-users";
import type { Cluster } from "@/prisma/generated/client";
import { logger } from "@/server/log";
import { kafkaErrorId, withAdminConnection } from "./admin-connection";

/**
 * Deletes every SCRAM credential of a user, once its name has been typed back. Its ACL bindings stay (they name
 * a principal, which may come back or authenticate otherwise); the user page lists them.
 */
export async function deleteScramUser(cluster: Cluster, input: z.output<typeof deleteScramUserInputSchema>): Promise<{ username: string; mechanisms: string[] }> {
  const { username, confirmName } = input;
  if (confirmName !== username) {
    throw new AppError("VALIDATION", { userMessage: `Type the user's name ("${username}") to confirm`, fieldErrors: { confirmName: "Does not match the user's name" } });
  }
  return withAdminConnection(cluster, "deleting a SCRAM user", async (connection, lib) => {
    let mechanisms: ScramMechanism[];
    try {
      const described = await lib.describeUserScramCredentialsV0.api.async(connection, [{ name: username }]);
      const codes = described.results.flatMap((r) => r.credentialInfos.map((c) => c.mechanism));
      mechanisms = (Object.keys(SCRAM_MECHANISM_CODES) as ScramMechanism[]).filter((m) => codes.includes(SCRAM_MECHANISM_CODES[m]));
    } catch (e) {
      if (kafkaErrorId(e) === "RESOURCE_NOT_FOUND") throw new AppError("NOT_FOUND", { userMessage: `User "${username}" has no SCRAM credentials (any more).` });
      throw e;
    }
    await lib.alterUserScramCredentialsV0.api.async(connection, mechanisms.map((m) => ({ name: username, mechanism: SCRAM_MECHANISM_CODES[m] })), []);
    logger.info("SCRAM user deleted", { clusterId: cluster.id, user: username, mechanisms });
    return { username, mechanisms };
  });
}
