import "server-only";
import type { z } from "zod";
import { describeQuotaEntity, quotaEntityKey, type QuotaKey, type setClientQuotasInputSchema } from "@/lib/acls/client-quotas";
import type { Cluster } from "@/prisma/generated/client";
import { waitUntil } from "@/server/kafka/wait-until";
import { logger } from "@/server/log";
import { withAdminConnection } from "./admin-connection";
import { quotaEntries } from "./list-client-quotas";

type Values = Partial<Record<QuotaKey, number>>;

export interface SetClientQuotasResult {
  entity: string;
  before: Values;
  after: Values;
}

const VISIBLE_WAIT_MS = 5000;

/**
 * Sets and removes quota keys of one entity (AlterClientQuotas), then waits (a few seconds at most) until the
 * broker describes the new values: quotas reach the brokers through the metadata log.
 */
export async function setClientQuotas(cluster: Cluster, input: z.output<typeof setClientQuotasInputSchema>): Promise<SetClientQuotasResult> {
  const key = quotaEntityKey(input.entity);
  const components = input.entity.map((p) => (p.name === null ? { entityType: p.type, matchType: 1 as const } : { entityType: p.type, matchType: 0 as const, match: p.name }));
  return withAdminConnection(cluster, "changing client quotas", async (connection, lib) => {
    const read = async (): Promise<Values> => {
      const r = await lib.describeClientQuotasV0.api.async(connection, components as never, true);
      return quotaEntries(r.entries as never).find((e) => quotaEntityKey(e.entity) === key)?.values ?? {};
    };
    const before = await read();
    const ops = [
      ...Object.entries(input.set).map(([k, value]) => ({ key: k, value: value as number, remove: false as const })),
      ...input.remove.map((k) => ({ key: k, remove: true as const })),
    ];
    await lib.alterClientQuotasV1.api.async(connection, [{ entities: input.entity.map((p) => ({ entityType: p.type, entityName: p.name })), ops } as never], false);
    const expected: Values = { ...before, ...input.set };
    for (const k of input.remove) delete expected[k];
    let after = before;
    await waitUntil(async () => {
      after = await read();
      return JSON.stringify(Object.entries(after).sort()) === JSON.stringify(Object.entries(expected).sort());
    }, VISIBLE_WAIT_MS);
    logger.info("client quotas changed", { clusterId: cluster.id, entity: describeQuotaEntity(input.entity), before, after });
    return { entity: describeQuotaEntity(input.entity), before, after };
  });
}
