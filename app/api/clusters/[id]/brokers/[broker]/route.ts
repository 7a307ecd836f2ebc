import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { describeBroker } from "@/server/clusters/broker-config";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

const input = z.object({ id: clusterIdSchema, broker: z.coerce.number().int().min(0).max(2_147_483_647) });

/** One broker's settings, with where each value comes from (sensitive ones hidden). */
export const GET = guardedRoute({ name: "describeBroker", input, permission: "clusters:read", clusterId: (i) => i.id }, (i, { cluster }) => describeBroker(cluster, i.broker));
