import { describe, expect, it } from "vitest";
import { queryTopics, type TopicQuery } from "../clusters/topic-summary";
import { TopicIndex } from "./topic-index";

const base: TopicQuery = { q: "", regex: false, includeInternal: false, sort: "name", desc: false, page: 0, pageSize: 50 };
const topic = (name: string, partitions = 1, rf = 1, under = 0) => ({
  name,
  partitions: Array.from({ length: partitions }, (_, i) => ({
    replicas: Array.from({ length: rf }, (_, r) => r),
    isr: Array.from({ length: i < under ? rf - 1 : rf }, (_, r) => r),
  })),
});

function sample(n: number, seed = 1) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const names = ["orders", "Orders.v2", "payments", "__consumer_offsets", "_schemas", "shipments", "ärger", "zeta", "alpha-1", "alpha-10", "alpha-2"];
  const out = names.map((name) => topic(name, 1 + Math.floor(rnd() * 6), 1 + Math.floor(rnd() * 3), Math.floor(rnd() * 2)));
  for (let i = 0; i < n; i++) out.push(topic(`t-${Math.floor(rnd() * 1e6)}-${i}`, 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 3), Math.floor(rnd() * 3)));
  return out;
}

const queries: TopicQuery[] = [
  base,
  { ...base, desc: true },
  { ...base, includeInternal: true },
  { ...base, q: "ORDERS" },
  { ...base, q: "^(pay|ship)", regex: true },
  { ...base, q: "t-1", page: 2, pageSize: 7 },
  { ...base, sort: "partitions", desc: true, pageSize: 20 },
  { ...base, sort: "partitions", page: 3, pageSize: 9 },
  { ...base, sort: "replicationFactor", desc: true, includeInternal: true },
  { ...base, sort: "underReplicated", desc: true, q: "t-", page: 1, pageSize: 13 },
  { ...base, page: 100 },
];

describe("TopicIndex", () => {
  it("answers every search, sort and page as queryTopics does", () => {
    const topics = sample(400);
    const index = new TopicIndex();
    index.update(topics);
    for (const q of queries) expect(index.query(q)).toEqual(queryTopics(topics, q));
  });

  it("after an update answers for the new list, rebuilding only the rows that changed", () => {
    const topics = sample(300);
    const index = new TopicIndex();
    expect(index.update(topics)).toMatchObject({ added: topics.length, removed: 0, changed: 0 });
    const next = topics.filter((_, i) => i % 17 !== 3); // some deleted
    next.push(topic("new-a", 3), topic("aaa-first"), topic("zzz-last", 2, 2, 1)); // some created
    next[5] = topic(next[5].name, next[5].partitions.length + 2); // one grown
    const removed = topics.length - (next.length - 3);
    const change = index.update(next);
    expect(change).toEqual({ added: 3, removed, changed: 1, rebuilt: 4 });
    for (const q of queries) expect(index.query(q)).toEqual(queryTopics(next, q));
    expect(index.update(next)).toEqual({ added: 0, removed: 0, changed: 0, rebuilt: 0 });
    expect(index.size).toBe(next.length);
    expect(index.metadata().map((t) => t.name)).toEqual(queryTopics(next, { ...base, includeInternal: true, pageSize: 10_000 }).topics.map((t) => t.name));
  });

  it("hands out copies: details added to a page do not stick to the index", () => {
    const index = new TopicIndex();
    index.update([topic("a"), topic("b")]);
    const page = index.query(base);
    page.topics[0].messages = 5;
    expect(index.query(base).topics[0]).not.toHaveProperty("messages");
  });

  it("reads a page of 50,000 topics without sorting them again", () => {
    const topics = Array.from({ length: 50_000 }, (_, i) => topic(`bench.t.${String(i).padStart(5, "0")}`));
    const index = new TopicIndex();
    index.update(topics);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) index.query({ ...base, q: "bench.t.4999", page: 0 });
    const perQuery = (performance.now() - t0) / 20;
    expect(index.query({ ...base, q: "bench.t.49999" }).topics.map((t) => t.name)).toEqual(["bench.t.49999"]);
    // A full sort of 50,000 names takes hundreds of ms; a search over the kept order takes a few.
    expect(perQuery).toBeLessThan(100);
  });
});
