import { groupHistoryInputSchema } from "@/lib/groups/group-schemas";
import { guardedRoute } from "@/server/guard/guarded-route";
import { lagHistory } from "@/server/groups/lag-history";

export const dynamic = "force-dynamic";

/** A group's lag over a window (`?group=&window=1h`), per topic and in total. */
export const GET = guardedRoute({ name: "consumerGroupLagHistory", input: groupHistoryInputSchema, permission: "clusters:read", clusterId: (i) => i.id }, (i, { cluster }) =>
  lagHistory(cluster.id, i.group, i.window),
);
