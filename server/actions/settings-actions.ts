"use server";
// Installation settings: admins on every cluster only (users:manage), audited.
import { guardedAction } from "@/server/guard/guarded-action";
import { networkPolicyInputSchema, setAllowPrivateAddresses } from "@/server/settings/network-policy";

export const setNetworkPolicyAction = guardedAction(
  {
    name: "setNetworkPolicy",
    input: networkPolicyInputSchema,
    permission: "users:manage",
    audit: { action: "settings.network", target: (i) => `loopback and private addresses ${i.allowPrivateAddresses ? "allowed" : "refused"}` },
  },
  async (input) => setAllowPrivateAddresses(input.allowPrivateAddresses),
);
