#!/usr/bin/env node
// `npm run bench:abuse`: the requests that used to stall the whole console, each run while a second client polls
// /api/health (and loads a page as another user), on the real broker and a production build.
//
//   heavy-filter   a search whose CEL filter nests five `exists` over a 30-element list (24 million steps on one
//                  message): ended by the per-message budget in a worker thread
//   redos-search   `value.s.matches("^(a+)+$")` on "aaaa…!" values (catastrophic for a backtracking engine)
//   redos-tail     the same filter on a live tail while the message is produced
//   regex-list     the topic list searched with the regular expression ^(.*){13}#$ over 300 long topic names
//   sign-in-burst  40 sign-ins with different unknown user names at once, from 40 addresses (X-Forwarded-For
//                  through one trusted proxy hop: the throttle per address would otherwise stop most of them
//                  before any hashing, which is what it is for, but not what this measures)
// Prints per case the heavy request's time, its outcome, and the worst /api/health and page latencies seen while
// it ran. The last line is key=value pairs with worst_health_ms= (target: at most 200 on a 2-core machine).
import kafkajs from "kafkajs";
import { ensureKafka } from "../kafka/kafka.mjs";
import { callAction, firstAdminCookie, num, out, say, sleep, startConsole } from "./bench-console.mjs";

const { Kafka, logLevel } = kafkajs;
const TOPIC = "bench.abuse";
const LIST_TOPICS = num("BENCH_ABUSE_TOPICS", 300);
const HEAVY = "value.l.exists(a, value.l.exists(b, value.l.exists(c, value.l.exists(d, value.l.exists(e, a + b + c + d + e < 0)))))";
const REDOS = 'value.s.matches("^(a+)+$")';

async function prepareTopics(bootstrap) {
  const kafka = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    if (!existing.has(TOPIC)) await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1 }] });
    // The list search only needs their names: no waiting for leaders.
    const names = Array.from({ length: LIST_TOPICS }, (_, i) => `bench.abuse.list.${"a".repeat(40)}.${i}`).filter((t) => !existing.has(t));
    for (let i = 0; i < names.length; i += 100) {
      await admin.createTopics({ waitForLeaders: false, topics: names.slice(i, i + 100).map((topic) => ({ topic, numPartitions: 1 })) });
    }
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  const value = JSON.stringify({ l: Array.from({ length: 30 }, (_, i) => i), s: `${"a".repeat(30)}!` });
  await producer.send({ topic: TOPIC, messages: Array.from({ length: 20 }, () => ({ value })) });
  return { produce: () => producer.send({ topic: TOPIC, messages: [{ value }] }), close: () => producer.disconnect() };
}

/** Polls /api/health back to back, and a page as another user every 250 ms, while `work` runs. */
async function underWatch(base, pageCookie, work) {
  let running = true;
  let worstHealth = 0;
  let worstPage = 0;
  let polls = 0;
  const health = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
      worstHealth = Math.max(worstHealth, performance.now() - t0);
      polls++;
      await sleep(10);
    }
  })();
  const page = (async () => {
    while (running) {
      const t0 = performance.now();
      await fetch(`${base}/clusters`, { headers: { cookie: pageCookie } }).then((r) => r.arrayBuffer());
      worstPage = Math.max(worstPage, performance.now() - t0);
      await sleep(250);
    }
  })();
  const t0 = performance.now();
  let outcome;
  try {
    outcome = await work();
  } finally {
    running = false;
  }
  const ms = performance.now() - t0;
  await Promise.all([health, page]);
  return { ms, outcome, worstHealth, worstPage, polls };
}

/** A search through the SSE endpoint, to its end: its outcome in a few words. */
async function search(base, cookie, clusterId, q, path = "scan", onMeta) {
  const res = await fetch(`${base}/api/clusters/${clusterId}/${path}?q=${encodeURIComponent(JSON.stringify(q))}`, { headers: { cookie } });
  if (!res.ok) return `HTTP ${res.status}`;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return "stream ended";
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null");
      if (event === "meta") onMeta?.();
      if (event === "done") {
        await reader.cancel();
        return `${data.reason}, ${data.matched} matched of ${data.scanned}`;
      }
      if (event === "error") {
        await reader.cancel();
        return `${data.code}: ${data.message}`;
      }
    }
  }
}

async function main() {
  const bootstrap = process.env.KAFKA_BROKERS || (await ensureKafka({})).bootstrap;
  say("preparing topics…");
  const data = await prepareTopics(bootstrap);
  say("starting the console…");
  const app = await startConsole({
    name: "bench-abuse",
    bootstrap,
    env: { TOPIARY_LAG_INTERVAL_MS: "0", TOPIARY_TRUSTED_PROXIES: "1", TOPIARY_BCRYPT_COST: process.env.TOPIARY_BCRYPT_COST ?? "12" },
  });
  const rows = [];
  try {
    const cookie = await firstAdminCookie(app.base);
    const clusters = await (await fetch(`${app.base}/api/clusters`, { headers: { cookie } })).json();
    const clusterId = clusters[0].id;
    // Warm: the routes, the pool's first worker and the password pool.
    await search(app.base, cookie, clusterId, { topic: TOPIC, expression: "size(value.l) > 0", limit: 1 });
    await callAction(app.base, "signInAction", { username: "warm-up", password: "x" }, { headers: { "x-forwarded-for": "198.51.100.1" } });
    await fetch(`${app.base}/clusters`, { headers: { cookie } }).then((r) => r.arrayBuffer());

    const cases = [
      ["heavy-filter", () => search(app.base, cookie, clusterId, { topic: TOPIC, expression: HEAVY, limit: 10 })],
      ["redos-search", () => search(app.base, cookie, clusterId, { topic: TOPIC, expression: REDOS, limit: 100 })],
      [
        "redos-tail",
        () =>
          new Promise((resolve, reject) => {
            const stop = new AbortController();
            fetch(`${app.base}/api/clusters/${clusterId}/tail?q=${encodeURIComponent(JSON.stringify({ topic: TOPIC, expression: REDOS }))}`, { headers: { cookie }, signal: stop.signal })
              .then(async (res) => {
                const reader = res.body.getReader();
                let text = "";
                // Produce once the tail has captured its start, then read for 3 s.
                const until = Date.now() + 3000;
                let produced = false;
                while (Date.now() < until) {
                  const chunk = await Promise.race([reader.read(), sleep(200).then(() => null)]);
                  if (chunk?.done) break;
                  if (chunk) text += new TextDecoder().decode(chunk.value);
                  if (!produced && text.includes("event: meta")) {
                    produced = true;
                    for (let i = 0; i < 5; i++) await data.produce();
                  }
                }
                stop.abort();
                resolve(produced ? "tailed 5 produced messages for 3 s" : "no meta event");
              })
              .catch((e) => (e.name === "AbortError" ? resolve("stopped") : reject(e)));
          }),
      ],
      [
        "regex-list",
        async () => {
          const res = await fetch(`${app.base}/api/clusters/${clusterId}/topics?q=${encodeURIComponent("^(.*){13}#$")}&regex=true`, { headers: { cookie } });
          const body = await res.json();
          return `HTTP ${res.status}, ${body.matched ?? "?"} of ${body.total ?? "?"} topics matched`;
        },
      ],
      [
        "sign-in-burst",
        async () => {
          const answers = await Promise.all(
            Array.from({ length: 40 }, (_, i) =>
              callAction(app.base, "signInAction", { username: `nobody-${i}-${Date.now()}`, password: "guess" }, { headers: { "x-forwarded-for": `203.0.113.${i + 1}` } }).then(({ text }) =>
                /Wrong user name or password/.test(text) ? "wrong" : /Too many sign-ins/.test(text) ? "busy" : /Too many failed/.test(text) ? "throttled" : "other",
              ),
            ),
          );
          const count = (k) => answers.filter((a) => a === k).length;
          return `${count("wrong")} refused after hashing, ${count("busy")} told to come back (queue full), ${count("throttled")} throttled, ${count("other")} other`;
        },
      ],
    ];
    for (const [name, work] of cases) {
      say(`case ${name}…`);
      const r = await underWatch(app.base, cookie, work);
      rows.push({ name, ...r });
      out(`${name.padEnd(14)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   worst health ${r.worstHealth.toFixed(0).padStart(4)} ms (${r.polls} polls)   worst page ${r.worstPage.toFixed(0).padStart(4)} ms   ${r.outcome}`);
    }
  } finally {
    await data.close().catch(() => {});
    await app.stop();
  }
  const worstHealth = Math.max(...rows.map((r) => r.worstHealth));
  const worstPage = Math.max(...rows.map((r) => r.worstPage));
  out(`target: worst /api/health <= 200 ms while each runs`);
  out(
    [
      ...rows.map((r) => `${r.name.replace(/-/g, "_")}_ms=${r.ms.toFixed(0)} ${r.name.replace(/-/g, "_")}_health_ms=${r.worstHealth.toFixed(0)}`),
      `worst_page_ms=${worstPage.toFixed(0)}`,
      `worst_health_ms=${worstHealth.toFixed(0)}`,
    ].join(" "),
  );
}

main().catch((e) => {
  say(`error: ${e.stack ?? e.message}`);
  process.exit(1);
});
