import "server-only";
import { mechanismName, type ScramUsersView } from "@/lib/acls/scram-users";
import type { Cluster } from "@/prisma/generated/client";
import { withAdminConnection } from "./admin-connection";

/** Every principal with SCRAM credentials on the cluster, with its mechanisms and iterations (never a secret). */
export async function listScramUsers(cluster: Cluster): Promise<ScramUsersView> {
  const response = await withAdminConnection(cluster, "describing SCRAM users", (connection, lib) =>
    // null: every user (an empty list would mean none).
    lib.describeUserScramCredentialsV0.api.async(connection, null as never),
  );
  const users = response.results
    .map((r) => ({
      name: r.user,
      principal: `User:${r.user}`,
      credentials: r.credentialInfos.map((c) => ({ mechanism: mechanismName(c.mechanism), iterations: c.iterations })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { users };
}
