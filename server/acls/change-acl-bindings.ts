import "server-only";
import { bindingKey, describeBinding, type AclBinding } from "@/lib/acls/acl-model";
import { previewAclChange, type AclChange, type AclChangePreview } from "@/lib/acls/preview-change";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";
import { waitUntil } from "@/server/kafka/wait-until";
import { logger } from "@/server/log";
import { bindingsFromDescribe, exactFilter, MATCH_ALL, toKafkaEntry } from "./acl-codec";
import { knownResourcesFor } from "./known-resources";
import { requireAclBindings } from "./list-acl-bindings";

const VISIBLE_WAIT_MS = 5000;

/** Before → after for a change, computed from the cluster's bindings as they are now. */
export async function previewAclBindingsChange(cluster: Cluster, change: AclChange): Promise<AclChangePreview> {
  const acls = await requireAclBindings(cluster);
  const known = await knownResourcesFor(cluster, [...change.add, ...change.remove]);
  return previewAclChange(acls.bindings, change, known, acls.authorizer);
}

export interface AclChangeResult {
  created: AclBinding[];
  deleted: AclBinding[];
  /** Asked for, but already there / already gone: nothing was sent for them. */
  unchanged: number;
}

/**
 * Creates and deletes bindings on the cluster, exactly these and nothing else: a deletion sends one filter per
 * binding with every field literal, so it matches that binding only. Waits (a few seconds at most) until the
 * brokers answer with the new bindings, so the page the user returns to shows them. The lower-level call for
 * anything that has decided its change already (e.g. applying a design's plan).
 */
export async function createAndDeleteBindings(cluster: Cluster, toCreate: readonly AclBinding[], toDelete: readonly AclBinding[]): Promise<{ created: AclBinding[]; deleted: AclBinding[] }> {
  const admin = await adminFor(cluster);
  const createEntries = toCreate.map(toKafkaEntry);
  const deleteFilters = toDelete.map(exactFilter);
  if (createEntries.length) await admin.createAcls({ acl: createEntries });
  let deleted: AclBinding[] = [];
  if (deleteFilters.length) {
    const r = await admin.deleteAcls({ filters: deleteFilters });
    const failed = r.filterResponses.find((f) => f.errorCode !== 0);
    if (failed) throw new AppError("KAFKA_ERROR", { userMessage: `Kafka refused to delete a binding: ${failed.errorMessage ?? `error ${failed.errorCode}`}` });
    deleted = [...toDelete];
  }
  const wanted = new Set(toCreate.map(bindingKey));
  const gone = new Set(toDelete.map(bindingKey));
  const visible = await waitUntil(async () => {
    const keys = new Set(bindingsFromDescribe((await admin.describeAcls(MATCH_ALL)).resources).bindings.map(bindingKey));
    return [...wanted].every((k) => keys.has(k)) && [...gone].every((k) => !keys.has(k));
  }, VISIBLE_WAIT_MS);
  if (!visible) logger.warn("ACL change not visible yet", { clusterId: cluster.id });
  return { created: [...toCreate], deleted };
}

/**
 * Applies a previewed change: previews it again and refuses (CONFLICT) when the bindings it depends on changed
 * since the preview the user confirmed (its `basis`), then creates and deletes what the preview said.
 */
export async function applyAclBindingsChange(cluster: Cluster, change: AclChange & { basis: string }): Promise<AclChangeResult> {
  const preview = await previewAclBindingsChange(cluster, change);
  if (preview.basis !== change.basis) {
    throw new AppError("CONFLICT", { userMessage: "The bindings changed since this preview was made: look at the preview again before confirming." });
  }
  const done = await createAndDeleteBindings(cluster, preview.toCreate, preview.toDelete);
  logger.info("ACL bindings changed", { clusterId: cluster.id, created: done.created.map(describeBinding), deleted: done.deleted.map(describeBinding) });
  return { ...done, unchanged: preview.alreadyPresent.length + preview.notFound.length };
}
