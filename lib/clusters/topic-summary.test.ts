import { describe, expect, it } from "vitest";
import { queryTopics, type TopicQuery } from "./topic-summary";

const topic = (name: string, partitions = 1, under = 0) => ({
  name,
  partitions: Array.from({ length: partitions }, (_, i) => ({ replicas: [1, 2], isr: i < under ? [1] : [1, 2] })),
});
const topics = [topic("orders", 6), topic("payments", 3, 1), topic("__consumer_offsets", 50), topic("orders.dlq", 1), topic("Shipments", 2)];
const base: TopicQuery = { q: "", regex: false, includeInternal: false, sort: "name", desc: false, page: 0, pageSize: 50 };

describe("queryTopics", () => {
  it("hides internal topics unless asked, and sorts by name", () => {
    expect(queryTopics(topics, base).topics.map((t) => t.name)).toEqual(["orders", "orders.dlq", "payments", "Shipments"]);
    expect(queryTopics(topics, { ...base, includeInternal: true }).matched).toBe(5);
  });
  it("searches by substring (case-insensitive) and by regex", () => {
    expect(queryTopics(topics, { ...base, q: "ORDERS" }).topics.map((t) => t.name)).toEqual(["orders", "orders.dlq"]);
    expect(queryTopics(topics, { ...base, q: "^(pay|ship)", regex: true }).topics.map((t) => t.name)).toEqual(["payments", "Shipments"]);
  });
  it("sorts by a column either way and pages", () => {
    expect(queryTopics(topics, { ...base, sort: "partitions", desc: true }).topics.map((t) => t.partitions)).toEqual([6, 3, 2, 1]);
    expect(queryTopics(topics, { ...base, sort: "underReplicated", desc: true }).topics[0]).toMatchObject({ name: "payments", underReplicated: 1 });
    const p1 = queryTopics(topics, { ...base, pageSize: 3, page: 1 });
    expect(p1).toMatchObject({ matched: 4, total: 5, page: 1 });
    expect(p1.topics.map((t) => t.name)).toEqual(["Shipments"]);
  });
  it("handles 5,000 topics quickly", () => {
    const many = Array.from({ length: 5000 }, (_, i) => topic(`t-${String(i).padStart(5, "0")}`, 3));
    const t0 = performance.now();
    const page = queryTopics(many, { ...base, q: "t-04", pageSize: 50 });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(page.matched).toBe(1000);
    expect(page.topics).toHaveLength(50);
  });
});
