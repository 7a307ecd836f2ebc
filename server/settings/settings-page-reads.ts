import "server-only";
import { z } from "zod";
import { guardedQuery } from "@/server/guard/guarded-query";
import { getNetworkPolicy } from "./network-policy";

/** The settings page: installation settings, for admins on every cluster. */
export const settingsPageQuery = guardedQuery({ name: "readSettings", input: z.object({}), permission: "users:manage" }, async () => ({
  network: await getNetworkPolicy(),
}));
