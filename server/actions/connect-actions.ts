"use server";
// Server actions for Kafka Connect: thin wrappers over server/connect/* through the one guarded path.
// Connect clusters (URLs and credentials) are cluster settings: clusters:manage, written with their audit record.
// Operating a connector (restart, pause, resume, stop, reset a stopped connector's offsets) is connect:operate
// (operator); changing what a connector is (create, reconfigure, delete) is connect:write (admin). Connector
// changes reach Kafka, so a read-only cluster refuses them; they are audited after the fact with their outcome.
import {
  connectorRefSchema,
  createConnectClusterInputSchema,
  deleteConnectClusterInputSchema,
  deleteConnectorInputSchema,
  restartConnectorInputSchema,
  restartTaskInputSchema,
  saveConnectorInputSchema,
  testConnectClusterInputSchema,
  updateConnectClusterInputSchema,
  validateConnectorInputSchema,
} from "@/lib/connect/connect-schemas";
import type { RestartResult } from "@/lib/connect/connect-types";
import { AppError } from "@/lib/errors/app-error";
import { connectTargetOf } from "@/server/connect/connect-client";
import { fetchConnectWorkerInfo } from "@/server/connect/connect-cluster-status";
import {
  assertConnectUrlAllowed,
  connectTargetFor,
  createConnectCluster,
  deleteConnectCluster,
  findConnectCluster,
  updateConnectCluster,
} from "@/server/connect/connect-clusters";
import {
  deleteConnector,
  pauseConnector,
  resetConnectorOffsets,
  restartConnector,
  restartTask,
  resumeConnector,
  stopConnector,
} from "@/server/connect/connector-operations";
import { saveConnector, validateConnectorConfig } from "@/server/connect/save-connector";
import { guardedAction } from "@/server/guard/guarded-action";

export const createConnectClusterAction = guardedAction(
  {
    name: "createConnectCluster",
    input: createConnectClusterInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    audit: { action: "connect.cluster.create", target: (i) => `${i.name} (${i.url})` },
  },
  async ({ clusterId, ...values }) => createConnectCluster(clusterId, values),
);

export const updateConnectClusterAction = guardedAction(
  {
    name: "updateConnectCluster",
    input: updateConnectClusterInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    audit: { action: "connect.cluster.update", target: (i) => `${i.name} (${i.url})` },
  },
  async ({ clusterId, connectId, ...values }) => updateConnectCluster(clusterId, connectId, values),
);

export const deleteConnectClusterAction = guardedAction(
  {
    name: "deleteConnectCluster",
    input: deleteConnectClusterInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    audit: { action: "connect.cluster.delete", target: (i) => i.confirmName },
  },
  async ({ clusterId, connectId, confirmName }) => deleteConnectCluster(clusterId, connectId, confirmName),
);

// Not audited: asking a Connect cluster for its version changes nothing.
export const testConnectClusterAction = guardedAction(
  { name: "testConnectCluster", input: testConnectClusterInputSchema, permission: "clusters:manage", clusterId: (i) => i.clusterId },
  async ({ clusterId, connectId, name, url, username, password, clearPassword }) => {
    await assertConnectUrlAllowed(url);
    const stored = connectId ? connectTargetOf(await findConnectCluster(clusterId, connectId)) : null;
    const keep = !password && !clearPassword && stored?.auth ? stored.auth.password : "";
    return fetchConnectWorkerInfo({ id: connectId ?? "new", name, url, auth: username ? { username, password: password || keep } : null });
  },
);

const connectorTarget = (i: { name: string }) => i.name;

export const createConnectorAction = guardedAction(
  {
    name: "createConnector",
    input: saveConnectorInputSchema,
    permission: "connect:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "connector.create", target: connectorTarget },
  },
  async ({ clusterId, connectId, name, config }) => saveConnector(await connectTargetFor(clusterId, connectId), name, config, "create"),
);

export const updateConnectorAction = guardedAction(
  {
    name: "updateConnector",
    input: saveConnectorInputSchema,
    permission: "connect:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "connector.update", target: connectorTarget },
  },
  async ({ clusterId, connectId, name, config }) => saveConnector(await connectTargetFor(clusterId, connectId), name, config, "update"),
);

// Not audited: Connect's validation changes nothing. Needs the role that may save what it validates.
export const validateConnectorAction = guardedAction(
  { name: "validateConnector", input: validateConnectorInputSchema, permission: "connect:write", clusterId: (i) => i.clusterId },
  async ({ clusterId, connectId, config, name, existing }) =>
    validateConnectorConfig(await connectTargetFor(clusterId, connectId), name ? { ...config, name } : config, existing ? name : undefined),
);

export const restartConnectorAction = guardedAction(
  {
    name: "restartConnector",
    input: restartConnectorInputSchema,
    permission: "connect:operate",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "connector.restart",
      target: (i, r?: RestartResult) => `${i.name}${r ? `: restarted ${[r.connector ? "connector" : null, ...r.tasks.map((t) => `task ${t}`)].filter(Boolean).join(", ") || "nothing (nothing had failed)"}` : ""}`,
    },
  },
  async ({ clusterId, connectId, name, includeTasks, onlyFailed }) => restartConnector(await connectTargetFor(clusterId, connectId), name, { includeTasks, onlyFailed }),
);

export const restartTaskAction = guardedAction(
  {
    name: "restartConnectorTask",
    input: restartTaskInputSchema,
    permission: "connect:operate",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "connector.task.restart", target: (i) => `${i.name} task ${i.task}` },
  },
  async ({ clusterId, connectId, name, task }) => restartTask(await connectTargetFor(clusterId, connectId), name, task),
);

export const pauseConnectorAction = guardedAction(
  { name: "pauseConnector", input: connectorRefSchema, permission: "connect:operate", clusterId: (i) => i.clusterId, mutatesCluster: true, audit: { action: "connector.pause", target: connectorTarget } },
  async ({ clusterId, connectId, name }) => pauseConnector(await connectTargetFor(clusterId, connectId), name),
);

export const resumeConnectorAction = guardedAction(
  { name: "resumeConnector", input: connectorRefSchema, permission: "connect:operate", clusterId: (i) => i.clusterId, mutatesCluster: true, audit: { action: "connector.resume", target: connectorTarget } },
  async ({ clusterId, connectId, name }) => resumeConnector(await connectTargetFor(clusterId, connectId), name),
);

export const stopConnectorAction = guardedAction(
  { name: "stopConnector", input: connectorRefSchema, permission: "connect:operate", clusterId: (i) => i.clusterId, mutatesCluster: true, audit: { action: "connector.stop", target: connectorTarget } },
  async ({ clusterId, connectId, name }) => stopConnector(await connectTargetFor(clusterId, connectId), name),
);

export const resetConnectorOffsetsAction = guardedAction(
  {
    name: "resetConnectorOffsets",
    input: connectorRefSchema,
    permission: "connect:operate",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "connector.offsets.reset", target: connectorTarget },
  },
  async ({ clusterId, connectId, name }) => resetConnectorOffsets(await connectTargetFor(clusterId, connectId), name),
);

export const deleteConnectorAction = guardedAction(
  {
    name: "deleteConnector",
    // Deleting a connector needs its name typed back, so a stray click deletes nothing.
    input: deleteConnectorInputSchema,
    permission: "connect:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "connector.delete", target: connectorTarget },
  },
  async ({ clusterId, connectId, name, confirmName }) => {
    if (confirmName !== name) {
      throw new AppError("VALIDATION", { userMessage: `Type the connector's name ("${name}") to confirm`, fieldErrors: { confirmName: "Does not match the connector's name" } });
    }
    return deleteConnector(await connectTargetFor(clusterId, connectId), name);
  },
);
