import type { Contract } from "../contracts/contract-schema";
import type { Topology } from "./design-schema";

const WEEK = String(7 * 24 * 3600 * 1000);

// Contracts in all three formats, as a team would write them: Avro for orders (keyed by customer id),
// Protobuf for payments, JSON Schema for flagged orders and customers.
const ORDER_CONTRACT: Contract = {
  value: {
    format: "avro",
    text: JSON.stringify(
      {
        type: "record",
        name: "OrderPlaced",
        namespace: "shop.orders.v1",
        fields: [
          { name: "orderId", type: "string" },
          { name: "customerId", type: "string" },
          { name: "total", type: { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 } },
          { name: "currency", type: { type: "enum", name: "Currency", symbols: ["EUR", "USD", "GBP"] } },
          { name: "lines", type: { type: "array", items: { type: "record", name: "Line", fields: [{ name: "sku", type: "string" }, { name: "qty", type: "int" }] } } },
          { name: "placedAt", type: { type: "long", logicalType: "timestamp-millis" } },
          { name: "note", type: ["null", "string"], default: null },
        ],
      },
      null,
      2,
    ),
  },
  key: { format: "avro", text: '"string"' },
};

const PAYMENT_CONTRACT: Contract = {
  value: {
    format: "protobuf",
    text: `syntax = "proto3";
package shop.payments.v1;

// The outcome of charging an order.
message PaymentResult {
  string order_id = 1;
  Status status = 2;
  int64 amount_cents = 3;
  string currency = 4;

  enum Status {
    STATUS_UNSPECIFIED = 0;
    CAPTURED = 1;
    DECLINED = 2;
  }
}
`,
  },
};

const FLAGGED_CONTRACT: Contract = {
  value: {
    format: "json-schema",
    text: JSON.stringify(
      {
        title: "FlaggedOrder",
        type: "object",
        required: ["orderId", "score"],
        properties: {
          orderId: { type: "string" },
          score: { type: "number", minimum: 0, maximum: 1 },
          reasons: { type: "array", items: { type: "string" } },
        },
      },
      null,
      2,
    ),
  },
};

const CUSTOMER_CONTRACT: Contract = {
  value: {
    format: "json-schema",
    text: JSON.stringify(
      {
        title: "Customer",
        type: "object",
        required: ["customerId", "tier"],
        properties: {
          customerId: { type: "string" },
          name: { type: "string" },
          tier: { enum: ["standard", "gold", "platinum"] },
          address: { $ref: "#/definitions/Address" },
        },
        definitions: { Address: { type: "object", properties: { city: { type: "string" }, country: { type: "string", minLength: 2, maxLength: 2 } } } },
      },
      null,
      2,
    ),
  },
  key: { format: "json-schema", text: '{\n  "type": "string"\n}' },
};

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
          contract: ORDER_CONTRACT,
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
        data: { name: "shop.orders.flagged.v1", partitions: 3, replicationFactor: 1, configs: { "retention.ms": WEEK }, description: "Orders held for review.", deleteOnApply: false, contract: FLAGGED_CONTRACT },
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
        data: { name: "shop.payments.v1", partitions: 3, replicationFactor: 1, configs: { "cleanup.policy": "delete", "min.insync.replicas": "1" }, description: "Payment outcomes.", deleteOnApply: false, contract: PAYMENT_CONTRACT },
      },
      { id: "shipping", kind: "consumerGroup", data: { groupId: "shipping", appName: "shipping-service", description: "Books a carrier once an order is paid." } },
      {
        id: "customers",
        kind: "topic",
        data: { name: "shop.customers.v1", partitions: 1, replicationFactor: 1, configs: { "cleanup.policy": "compact" }, description: "Latest state of each customer (compacted).", deleteOnApply: false, contract: CUSTOMER_CONTRACT },
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
