"use server";
// Server actions for lag alert rules: thin wrappers over server/alerts/* through the one guarded path. Rules
// live in Topiary's database, not in Kafka, so a read-only cluster may still have them.
import {
  alertRuleRefSchema,
  createAlertRuleInputSchema,
  setAlertRuleEnabledInputSchema,
  updateAlertRuleInputSchema,
} from "@/lib/alerts/alert-rules";
import { createAlertRule, deleteAlertRule, setAlertRuleEnabled, updateAlertRule } from "@/server/alerts/manage-alert-rules";
import { guardedAction } from "@/server/guard/guarded-action";

export const createAlertRuleAction = guardedAction(
  {
    name: "createAlertRule",
    input: createAlertRuleInputSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "alert.create", target: (i) => i.name },
  },
  async ({ clusterId, ...values }) => createAlertRule(clusterId, values),
);

export const updateAlertRuleAction = guardedAction(
  {
    name: "updateAlertRule",
    input: updateAlertRuleInputSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "alert.update", target: (i) => `${i.name} (${i.id})` },
  },
  async (input) => updateAlertRule(input),
);

export const setAlertRuleEnabledAction = guardedAction(
  {
    name: "setAlertRuleEnabled",
    input: setAlertRuleEnabledInputSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "alert.enable", target: (i) => `${i.id} (${i.enabled ? "enabled" : "disabled"})` },
  },
  async ({ clusterId, id, enabled }) => setAlertRuleEnabled(clusterId, id, enabled),
);

export const deleteAlertRuleAction = guardedAction(
  // Confirmed in the UI: the rule's history goes with it.
  {
    name: "deleteAlertRule",
    input: alertRuleRefSchema,
    permission: "alerts:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "alert.delete", target: (i) => i.id },
  },
  async ({ clusterId, id }) => deleteAlertRule(clusterId, id),
);
