import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { secretNameSchema } from "./secret-refs";

// Inputs of the Connect secret store's actions (server/actions/connect-secret-actions.ts). A value goes in and is
// never read back: the store answers names and dates only.

/** A secret as the browser sees it: its name and when and by whom it was last set. Never its value. */
export interface ConnectSecretView {
  name: string;
  updatedAt: string;
  updatedBy: string;
}

export const setConnectSecretInputSchema = z.object({
  clusterId: clusterIdSchema,
  name: secretNameSchema,
  value: z.string().min(1, "Enter the secret's value").max(100_000, "At most 100,000 characters"),
});
export type SetConnectSecretInput = z.input<typeof setConnectSecretInputSchema>;

export const deleteConnectSecretInputSchema = z.object({ clusterId: clusterIdSchema, name: secretNameSchema, confirmName: z.string() });
export type DeleteConnectSecretInput = z.input<typeof deleteConnectSecretInputSchema>;
