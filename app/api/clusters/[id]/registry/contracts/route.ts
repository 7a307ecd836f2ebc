import { topicContractsRouteSchema } from "@/lib/registry/produce-schema";
import { guardedRoute } from "@/server/guard/guarded-route";
import { topicContracts } from "@/server/registry/topic-contracts";

export const dynamic = "force-dynamic";
/** The contracts of a topic (?topic=) from the designs bound to this cluster, to produce or decode with. */
export const GET = guardedRoute(
  { name: "topicContracts", input: topicContractsRouteSchema, permission: "designs:read", clusterId: (i) => i.id },
  async ({ topic }, { cluster }) => topicContracts(cluster.id, topic),
);
