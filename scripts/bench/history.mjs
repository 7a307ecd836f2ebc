#!/usr/bin/env node
// npm run bench:history — lag history at scale on PostgreSQL: 20,000 groups (12 partitions each, one topic per
// group: one series each) sampled every 15 s, 24 hours of it, in a database of its own. Seeds what the store holds
// after a day (the raw window as raw points, the older hours as packed 5-minute buckets, written with the
// server's own encoder), then times the server's own code, loaded from source: one sampling round committed
// (commitRound: the lease fence and 20,000 raw points in batches; then the leader's state, written behind the
// round, with the event loop's longest stall while it is), the fold of a 5-minute bucket
// (pruneLagPoints), and the group page's 7-day chart (lagHistory). Prints the tables' sizes
// (pg_total_relation_size) and ends with a key=value line.
//   TOPIARY_BENCH_PG_URL  the server (default postgresql://postgres@127.0.0.1:5432/postgres)
//   BENCH_GROUPS          groups (default 20000)
//   BENCH_KEEP_DB=1       keep the database afterwards (dropped by default: about a gigabyte at 20,000 groups)
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { median, num, out, root, say } from "./bench-console.mjs";
import { migrateStore } from "../db/migrate.mjs";
import { createModuleRunner } from "../test/ts-module-runner.mjs";

const GROUPS = num("BENCH_GROUPS", 20_000);
const PARTITIONS = 12;
const INTERVAL_MS = 15_000;
const HOUR = 3600_000;
const DB = "topiary_bench_history";
const adminUrl = process.env.TOPIARY_BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const ms = (t0) => Math.round(performance.now() - t0);
const mb = (bytes) => Math.round((Number(bytes) / 1e6) * 10) / 10;

async function sql(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

async function sizes() {
  const r = await sql(
    dbUrl,
    `SELECT relname, pg_total_relation_size(quote_ident(relname)) AS bytes, (SELECT reltuples FROM pg_class c WHERE c.relname = t.relname) AS rows
     FROM (VALUES ('LagPoint'), ('LagHour'), ('LagSeries'), ('LagSamplerState')) AS t(relname)`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.relname, { bytes: Number(x.bytes), rows: Math.max(0, Number(x.rows)) }]));
}

/** One snapshot of GROUPS groups (no members), each reading 12 partitions of its topic, at `takenAt`. */
function snapshot(clusterId, round, takenAt) {
  const groups = [];
  const topicEnds = {};
  for (let g = 0; g < GROUPS; g++) {
    const topic = `bench.topic-${String(g).padStart(5, "0")}`;
    const ends = (topicEnds[topic] = {});
    const partitions = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const end = 1e9 + g * 1e5 + p * 1e4 + round * 125;
      const committed = end - ((g * 31 + p * 7 + round * 13) % 400);
      ends[p] = end;
      partitions.push({ topic, partition: p, committed, end, lag: end - committed, logStart: 0 });
    }
    groups.push({ groupId: `bench-group-${String(g).padStart(5, "0")}`, state: "Stable", members: [], partitions });
  }
  return { clusterId, takenAt, tookMs: 900, groups, topicEnds, unavailable: [] };
}

async function main() {
  say(`PostgreSQL database ${DB} (dropped and made afresh)`);
  await sql(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await sql(adminUrl, `CREATE DATABASE ${DB}`);
  await migrateStore(dbUrl, { log: (m) => say(m) });

  process.env.DATABASE_URL = dbUrl;
  process.env.TOPIARY_LOG_LEVEL ??= "warn";
  process.env.TOPIARY_LAG_INTERVAL_MS = String(INTERVAL_MS);
  const runner = await createModuleRunner();
  const { prisma } = await runner.import("/server/db/prisma.ts");
  const { advanceLagState } = await runner.import("/lib/groups/advance-lag-state.ts");
  const { encodeLagHour, BUCKETS_PER_HOUR } = await runner.import("/lib/groups/lag-hour-codec.ts");
  const { ensureSeries, pruneLagPoints, rawWindowMs } = await runner.import("/server/groups/lag-points.ts");
  const { insertLagHours } = await runner.import("/server/groups/lag-bulk-writes.ts");
  const { commitRound } = await runner.import("/server/groups/lag-sampler.ts");
  const { stateWritten } = await runner.import("/server/groups/lag-state-writer.ts");
  const { tryAcquireLease } = await runner.import("/server/groups/sampler-lease.ts");
  const { lagHistory } = await runner.import("/server/groups/lag-history.ts");

  const cluster = await prisma.cluster.create({ data: { name: "bench", bootstrapServers: "127.0.0.1:1" } });
  const now = Date.now();
  const rawMs = rawWindowMs(GROUPS, INTERVAL_MS);
  say(`${GROUPS} groups × ${PARTITIONS} partitions every ${INTERVAL_MS / 1000} s: raw window ${(rawMs / 60_000).toFixed(1)} min (TOPIARY_LAG_RAW_POINTS), 5-minute buckets before it`);

  // The series, as the sampler makes them.
  let t0 = performance.now();
  const series = GROUPS;
  await ensureSeries(
    cluster.id,
    Array.from({ length: GROUPS }, (_, g) => ({ groupId: `bench-group-${String(g).padStart(5, "0")}`, topic: `bench.topic-${String(g).padStart(5, "0")}` })),
  );
  const { rows: ids } = await sql(dbUrl, `SELECT min(id) AS lo, max(id) AS hi FROM "LagSeries"`);
  say(`${series} series in ${ms(t0)} ms`);

  // 24 hours as the store holds them in steady state: raw points from one 5-minute bucket before the raw window
  // (the bucket the next fold takes, timed below) to now, 5-minute buckets packed per hour before that (the hour
  // the raw points begin in holds its earlier buckets).
  const rawFrom = Math.floor((now - rawMs) / 300_000) * 300_000 - 300_000;
  const foldFrom = Math.floor(rawFrom / HOUR) * HOUR;
  const dayStart = now - 24 * HOUR;
  const firstPackedHour = Math.ceil(dayStart / HOUR) * HOUR;
  t0 = performance.now();
  let hourRows = 0;
  for (let h = firstPackedHour; h <= foldFrom; h += HOUR) {
    const slots = h === foldFrom ? (rawFrom - foldFrom) / 300_000 : BUCKETS_PER_HOUR;
    if (!slots) continue;
    const data = [];
    for (let id = Number(ids[0].lo); id <= Number(ids[0].hi); id++) {
      const buckets = [];
      for (let slot = 0; slot < slots; slot++) {
        const round = Math.floor((h + slot * 300_000 - dayStart) / INTERVAL_MS);
        const lag = ((id * 31 + round * 13) % 400) * PARTITIONS;
        const committed = PARTITIONS * (1e9 + id * 1e5) + round * 125 * PARTITIONS;
        buckets.push({ slot, lag, committed, endOffset: committed + lag, status: id % 50 === 0 ? 4 : 0 });
      }
      data.push({ seriesId: id, buckets: encodeLagHour(buckets) });
    }
    await insertLagHours(prisma, new Date(h), data);
    hourRows += data.length;
  }
  say(`${hourRows} packed hour rows (${((rawFrom - firstPackedHour) / HOUR).toFixed(2)} h × ${series} series) in ${ms(t0)} ms`);

  t0 = performance.now();
  let rawRows = 0;
  const rounds = [];
  for (let t = rawFrom; t < now; t += INTERVAL_MS) rounds.push(t);
  for (let i = 0; i < rounds.length; i += 20) {
    const from = rounds[i];
    const to = rounds[Math.min(i + 19, rounds.length - 1)];
    const r = await sql(
      dbUrl,
      `INSERT INTO "LagPoint" ("seriesId", "at", "lag", "committed", "endOffset", "status")
       SELECT s, to_timestamp(t / 1000.0), ((s * 31 + (t / 15000)::int * 13) % 400) * 12,
              12 * (1e9 + s * 1e5) + (t / 15000) * 1500, 12 * (1e9 + s * 1e5) + (t / 15000) * 1500 + ((s * 31 + (t / 15000)::int * 13) % 400) * 12,
              CASE WHEN s % 50 = 0 THEN 4 ELSE 0 END
       FROM generate_series($1::int, $2::int) AS s, generate_series($3::bigint, $4::bigint, ${INTERVAL_MS}) AS t`,
      [ids[0].lo, ids[0].hi, from, to],
    );
    rawRows += r.rowCount;
  }
  say(`${rawRows} raw points (${((now - rawFrom) / 60_000).toFixed(1)} min × ${series} series) in ${ms(t0)} ms`);
  await sql(dbUrl, `VACUUM ANALYZE "LagPoint", "LagHour", "LagSeries"`);

  // The buckets older than the raw window folded, as the leader does every 5 minutes (one bucket in steady state).
  const folds = [];
  let foldedBuckets = 0;
  let foldedPoints = 0;
  for (;;) {
    t0 = performance.now();
    const r = await pruneLagPoints(cluster.id, series, now);
    if (!r.buckets) break;
    folds.push(ms(t0) / r.buckets);
    foldedBuckets += r.buckets;
    foldedPoints += r.folded;
  }
  const foldMs = Math.round(median(folds) ?? 0);
  say(`fold: ${foldedBuckets} 5-minute bucket(s), ${foldedPoints} raw points, ${foldMs} ms a bucket`);
  await sql(dbUrl, `VACUUM ANALYZE "LagPoint", "LagHour"`);
  const day = await sizes();

  // Sampling rounds: the server's state after 10 samples (Burrow's window full), then 5 rounds committed and timed.
  say("building the sampler's state for 10 samples…");
  t0 = performance.now();
  let state = null;
  const start = now - 9 * INTERVAL_MS + 1;
  for (let i = 0; i < 10; i++) state = advanceLagState(state, snapshot(cluster.id, i, start + i * INTERVAL_MS), { windowSize: 10 });
  say(`state built in ${ms(t0)} ms`);
  const commits = [];
  for (let i = 10; i < 15; i++) {
    state = advanceLagState(state, snapshot(cluster.id, i, now + 1 + (i - 9) * INTERVAL_MS), { windowSize: 10 });
    if ((await tryAcquireLease(cluster.id)) === null) throw new Error("could not take the lease");
    t0 = performance.now();
    const r = await commitRound(cluster.id, state);
    if (!r.committed || r.rows !== GROUPS) throw new Error(`round not committed (${JSON.stringify(r)})`);
    const totalMs = ms(t0);
    // The state is written behind the round; the event loop's longest stall while it is (it encodes in slices).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const w = await stateWritten(cluster.id);
    loop.disable();
    if (!w?.written || w.takenAt !== state.latest.takenAt) throw new Error(`state not written (${JSON.stringify(w)})`);
    commits.push({ ...r, totalMs, stateMs: w.ms, stateBytes: w.bytes, stallMs: Math.round(loop.max / 1e6) });
  }
  const writes = commits.map((c) => c.pointsMs);
  const stateWrites = commits.map((c) => c.stateMs);
  const totals = commits.map((c) => c.totalMs);
  // Every round stores the state; the first (and then one a minute) also the end-offset history.
  const stateKb = Math.round(Math.min(...commits.map((c) => c.stateBytes)) / 1000);
  const withHistoryKb = Math.round(Math.max(...commits.map((c) => c.stateBytes)) / 1000);
  let reads = 0;
  for (const points of state.endHistory.values()) reads += points.length;
  const stalls = commits.map((c) => c.stallMs);
  say(`rounds: ${GROUPS} points written in ${writes.join(", ")} ms; whole commits ${totals.join(", ")} ms; the state behind them (${stateKb} kB gzip'd; ${withHistoryKb} kB with the end-offset history of ${reads} reads, once a minute) encoded and written in ${stateWrites.join(", ")} ms, the event loop stalled at most ${stalls.join(", ")} ms meanwhile`);

  // The group page's chart: 7 days (what there is: a day) and 24 hours, through the server's query.
  const group = `bench-group-${String(Math.floor(GROUPS / 2)).padStart(5, "0")}`;
  const charts = { "7d": [], "24h": [], "1h": [] };
  let points = 0;
  for (let i = 0; i < 5; i++) {
    for (const w of Object.keys(charts)) {
      t0 = performance.now();
      const h = await lagHistory(cluster.id, group, w);
      charts[w].push(ms(t0));
      if (w === "7d") points = h.times.length;
    }
  }
  say(`7-day chart: ${points} points; ${charts["7d"].join(", ")} ms`);
  // The chart's two reads, as the server makes them (the group's series ids, then by series and time).
  const seriesOf = (await sql(dbUrl, `SELECT id FROM "LagSeries" WHERE "clusterId" = $1 AND "groupId" = $2`, [cluster.id, group])).rows.map((r) => r.id);
  const indexes = [];
  for (const q of [
    `EXPLAIN SELECT "seriesId", "at", "lag" FROM "LagPoint" WHERE "seriesId" = ANY($1) AND "at" >= $2`,
    `EXPLAIN SELECT "seriesId", "hour", "buckets" FROM "LagHour" WHERE "seriesId" = ANY($1) AND "hour" >= $2`,
  ]) {
    const plan = await sql(dbUrl, q, [seriesOf, new Date(now - 7 * 24 * HOUR)]);
    for (const r of plan.rows) {
      const m = /(Index Only Scan|Index Scan|Bitmap Index Scan) (?:using|on) "?([\w]+)"?/.exec(r["QUERY PLAN"]);
      if (m) indexes.push(m[2]);
    }
  }
  say(`chart query plan uses: ${indexes.join(", ")}`);

  const raw = day.LagPoint;
  const hours = day.LagHour;
  const packedHours = (rawFrom - firstPackedHour) / HOUR + foldedBuckets / 12;
  const hoursPerDay = (hours.bytes / packedHours) * 24;
  out("");
  out(`Lag history for ${GROUPS} groups × ${PARTITIONS} partitions every ${INTERVAL_MS / 1000} s (PostgreSQL, ${path.basename(root)}):`);
  out(`  raw points      ${raw.rows.toLocaleString("en")} rows, ${mb(raw.bytes)} MB  (window ${(rawMs / 60_000).toFixed(1)} min, within TOPIARY_LAG_RAW_POINTS with the fold's slack)`);
  out(`  5-min buckets   ${hours.rows.toLocaleString("en")} rows, ${mb(hours.bytes)} MB for ${packedHours.toFixed(1)} h = ${mb(hoursPerDay)} MB per day`);
  out(`  series          ${day.LagSeries.rows.toLocaleString("en")} rows, ${mb(day.LagSeries.bytes)} MB`);
  out(`  store for 24 h  ${mb(raw.bytes + hours.bytes + day.LagSeries.bytes)} MB; at the 7-day retention about ${mb(raw.bytes + 7 * hoursPerDay + day.LagSeries.bytes)} MB`);
  out(`  one round       ${median(writes)} ms to write its ${GROUPS.toLocaleString("en")} points (median of 5: ${writes.join(", ")}), in the transaction that checks the lease; the whole commit ${median(totals)} ms`);
  out(`  leader's state  ${stateKb} kB gzip'd a round (${withHistoryKb} kB once a minute, with the end-offset history), written behind the round in ${median(stateWrites)} ms (encoded in slices: the event loop stalled at most ${Math.max(...stalls)} ms)`);
  out(`  fold            ${foldMs} ms a 5-minute bucket (${Math.round(foldedPoints / Math.max(1, foldedBuckets)).toLocaleString("en")} raw points into ${series.toLocaleString("en")} hour rows)`);
  out(`  chart           7 d ${median(charts["7d"])} ms (${points} points), 24 h ${median(charts["24h"])} ms, 1 h ${median(charts["1h"])} ms; index: ${indexes.join(", ")}`);
  out(
    `groups=${GROUPS} partitions=${PARTITIONS} interval_s=${INTERVAL_MS / 1000} raw_window_min=${(rawMs / 60_000).toFixed(1)} raw_rows=${raw.rows} raw_mb=${mb(raw.bytes)} bucket_rows=${hours.rows} bucket_mb_per_day=${mb(hoursPerDay)} store_mb_24h=${mb(raw.bytes + hours.bytes + day.LagSeries.bytes)} store_mb_7d=${mb(raw.bytes + 7 * hoursPerDay + day.LagSeries.bytes)} state_kb=${stateKb} state_history_kb=${withHistoryKb} state_write_ms=${median(stateWrites)} state_stall_ms=${Math.max(...stalls)} round_commit_ms=${median(totals)} fold_ms=${foldMs} round_write_ms=${median(writes)} chart_ms=${median(charts["7d"])}`,
  );
  await prisma.$disconnect();
  await runner.close();
  if (process.env.BENCH_KEEP_DB !== "1") await sql(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    say(`failed: ${e.stack ?? e}`);
    process.exit(1);
  },
);
