import type { Topology } from "./design-schema";

const WEEK = String(7 * 24 * 3600 * 1000);

/** A realistic starter flow: an online shop's orders, payments, fraud scoring and shipping. */
export function exampleTopology(): Topology {
  return {
    nodes: [
      {
        id: "checkout",
        kind: "producer",
        data: {
          appName: "checkout-service",
          clientId: "checkout-service",
          description: "Publishes an event when a customer places an order.",
          examplePayload: JSON.stringify({ orderId: "o-1001", customerId: "c-42", total: 129.5, currency: "EUR", lines: [{ sku: "kettle", qty: 1 }] }, null, 2),
          rate: 50,
        },
      },
      {
        id: "orders",
        kind: "topic",
        data: {
          name: "shop.orders.v1",
          partitions: 6,
          replicationFactor: 1,
          configs: { "cleanup.policy": "delete", "retention.ms": WEEK, "compression.type": "zstd" },
          description: "Every order placed, keyed by customer id.",
          deleteOnApply: false,
        },
      },
      {
        id: "fraud",
        kind: "processor",
        data: { appName: "fraud-scorer", clientId: "fraud-scorer", groupId: "fraud-scorer", description: "Scores each order and flags the risky ones." },
      },
      {
        id: "flagged",
        kind: "topic",
        data: { name: "shop.orders.flagged.v1", partitions: 3, replicationFactor: 1, configs: { "retention.ms": WEEK }, description: "Orders held for review.", deleteOnApply: false },
      },
      { id: "billing", kind: "consumerGroup", data: { groupId: "billing", appName: "billing-service", description: "Captures payment for each order." } },
      { id: "review", kind: "consumerGroup", data: { groupId: "fraud-review-ui", appName: "review-desk", description: "Shows flagged orders to the review team." } },
      {
        id: "payments",
        kind: "producer",
        data: { appName: "payment-gateway", clientId: "payment-gateway", description: "Publishes payment results.", examplePayload: JSON.stringify({ orderId: "o-1001", status: "captured" }, null, 2), rate: 45 },
      },
      {
        id: "payments-topic",
        kind: "topic",
        data: { name: "shop.payments.v1", partitions: 3, replicationFactor: 1, configs: { "cleanup.policy": "delete", "min.insync.replicas": "1" }, description: "Payment outcomes.", deleteOnApply: false },
      },
      { id: "shipping", kind: "consumerGroup", data: { groupId: "shipping", appName: "shipping-service", description: "Books a carrier once an order is paid." } },
      {
        id: "customers",
        kind: "topic",
        data: { name: "shop.customers.v1", partitions: 1, replicationFactor: 1, configs: { "cleanup.policy": "compact" }, description: "Latest state of each customer (compacted).", deleteOnApply: false },
      },
      { id: "crm", kind: "producer", data: { appName: "crm", clientId: "crm-sync", description: "Syncs customer records.", examplePayload: "", rate: 2 } },
    ],
    edges: [
      { id: "e-checkout-orders", source: "checkout", target: "orders" },
      { id: "e-orders-fraud", source: "orders", target: "fraud" },
      { id: "e-fraud-flagged", source: "fraud", target: "flagged" },
      { id: "e-orders-billing", source: "orders", target: "billing" },
      { id: "e-flagged-review", source: "flagged", target: "review" },
      { id: "e-payments-topic", source: "payments", target: "payments-topic" },
      { id: "e-payments-shipping", source: "payments-topic", target: "shipping" },
      { id: "e-crm-customers", source: "crm", target: "customers" },
      { id: "e-customers-billing", source: "customers", target: "billing" },
      { id: "e-customers-shipping", source: "customers", target: "shipping" },
    ],
  };
}
