"use server";
import { alterBrokerConfigInputSchema } from "@/lib/clusters/broker-config";
import { describeConfigChange } from "@/lib/topics/topic-config-view";
import { alterBrokerConfig, type AlterBrokerConfigResult } from "@/server/clusters/broker-config";
import { guardedAction } from "@/server/guard/guarded-action";

export const alterBrokerConfigAction = guardedAction(
  {
    name: "alterBrokerConfig",
    input: alterBrokerConfigInputSchema,
    // A broker's settings are the cluster's, not one topic's: the role that manages clusters.
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "broker.config",
      target: (i, r?: AlterBrokerConfigResult) => `broker ${i.broker}: ${r ? describeConfigChange(Object.keys(r.before), r.before, r.after) : [...Object.keys(i.set), ...i.remove].join(", ")}`,
    },
  },
  (input, { cluster }) => alterBrokerConfig(cluster, input),
);
