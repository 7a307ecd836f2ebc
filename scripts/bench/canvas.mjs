#!/usr/bin/env node
// `npm run bench:canvas`: how the designer's canvas copes with a big design, next to a bare React Flow page that
// draws the same graph (app/bench/bare-flow). In one headless Chromium it opens (a) the designer with a generated
// design (imported through the Designs page, so it is a real saved design) and (b) the bare page, and measures for
// each, over a few rounds on fresh pages: time to first render (navigation start to the first painted
// .react-flow__node) and frame times while panning the pane and dragging a node for a fixed number of frames.
// Each measure is compared with the same measure on the bare page (render with render, pan with pan, drag with
// drag): render_ratio, pan_ratio and drag_ratio, each with the target ≤ 1.5.
// Then, in the designer only: the auto layout of the design (run in a worker: the time from the click to the
// new positions on screen, and the longest main-thread task meanwhile, from a PerformanceObserver for
// "longtask"), and saving it (a topic renamed in the properties panel: the autosave's time from "Saving…" to "Saved",
// with the size of the topology it sends against the server action's 4 MB body limit).
// It prints tables, the ratios, and last a line of key=value pairs. It is a benchmark, not a test: it exits 0
// when a target is missed, non-zero only when it cannot measure.
//
// Settings (environment): BENCH_PORT (3200, or a free port when taken), BENCH_ROUNDS (3), BENCH_FRAMES (120),
// BENCH_NODES (1000, at most 5000), BENCH_EDGES (1.2 per node: 1200), BENCH_SEED (1), BENCH_REBUILD (1: always
// build into .next-bench; 0: reuse any build there; unset: build when the sources are newer than it),
// BENCH_DIST_DIR (.next-bench), KAFKA_BROKERS (127.0.0.1:9092: the console's seed cluster only),
// CHROMIUM_PATH (/usr/bin/chromium).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { runnerImport } from "vite";
import { ensureSecretKey, newestSource, prepareDatabase } from "../start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
const WORK_DIR = path.join(root, ".topiary/bench");
const LOCK = path.join(root, ".topiary/bench-canvas.lock");
const VIEWPORT = { width: 1600, height: 1000 };
const TARGET = 1.5;
const LAYOUT_TARGET_MS = 2000;
const LONG_TASK_TARGET_MS = 100;
const SAVE_TARGET_MS = 1000;
const ACTION_BODY_LIMIT = 4 * 1024 * 1024;

const num = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const cfg = {
  port: num("BENCH_PORT", 3200),
  rounds: num("BENCH_ROUNDS", 3),
  frames: num("BENCH_FRAMES", 120),
  nodes: Math.min(num("BENCH_NODES", 1000), 5000),
  edges: num("BENCH_EDGES", Math.round(1.2 * num("BENCH_NODES", 1000))),
  seed: num("BENCH_SEED", 1),
};
const say = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const out = (line = "") => process.stdout.write(`${line}\n`);

// ---------- build, database, server ----------

async function buildIfNeeded(env) {
  const id = path.join(root, DIST_DIR, "BUILD_ID");
  const rebuild = process.env.BENCH_REBUILD;
  if (fs.existsSync(id) && (rebuild === "0" || (rebuild !== "1" && newestSource() <= fs.statSync(id).mtimeMs))) return;
  say(`building into ${DIST_DIR} (output on stderr)…`);
  // `next build` points tsconfig.json and next-env.d.ts at its build folder; put them back as they were so the
  // benchmark leaves the working tree unchanged, also when the build is interrupted.
  const keep = ["tsconfig.json", "next-env.d.ts"]
    .map((f) => path.join(root, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => [f, fs.readFileSync(f, "utf8")]);
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, env, stdio: ["ignore", 2, 2] });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(signal ?? c)));
    if (code !== 0) throw new Error(`next build failed (${code})`);
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
    for (const [file, text] of keep) if (fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  }
}

function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
  return tryPort(preferred).then((p) => p ?? tryPort(0));
}

function startServer(env, port) {
  const log = fs.openSync(path.join(WORK_DIR, "server.log"), "w");
  // Its own process group, so stopping it also stops any worker it forks.
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  return child;
}

function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

async function waitForHealth(base, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited (code ${child.exitCode}); see ${path.join(WORK_DIR, "server.log")}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the console did not answer on ${base} within 120 s; see ${path.join(WORK_DIR, "server.log")}`);
}

/**
 * avsc's browser build (which lib/contracts reads, through auto-layout) is CommonJS with named imports, which
 * Vite's module runner refuses: it is loaded with Node's require instead.
 */
function avscTypesFromRequire() {
  const file = JSON.stringify(createRequire(import.meta.url).resolve("avsc/etc/browser/avsc-types"));
  return {
    name: "avsc-types-require",
    enforce: "pre",
    resolveId: (id) => (id === "avsc/etc/browser/avsc-types" ? "\0avsc-types" : null),
    load: (id) => (id === "\0avsc-types" ? `import { createRequire } from "node:module"; const m = createRequire(${file})(${file}); export const { Type, types } = m;` : null),
  };
}

async function writeDesignFile() {
  const vite = {
    root,
    configFile: false,
    logLevel: "error",
    resolve: { alias: { "@": root } },
    plugins: [avscTypesFromRequire()],
    environments: { inline: { resolve: { noExternal: ["avsc"] } } },
  };
  const { module: gen } = await runnerImport(path.join(root, "lib/designs/generate-design.ts"), vite);
  const { module: layout } = await runnerImport(path.join(root, "lib/designs/auto-layout.ts"), vite);
  const topology = gen.generateTopology({ nodes: cfg.nodes, edges: cfg.edges, seed: cfg.seed });
  const file = path.join(WORK_DIR, `canvas-${cfg.nodes}x${cfg.edges}-seed${cfg.seed}.topiary.json`);
  const name = `Canvas benchmark ${cfg.nodes} nodes ${cfg.edges} edges (seed ${cfg.seed})`;
  fs.writeFileSync(file, JSON.stringify({ format: "topiary-design", version: 1, name, topology, layout: { positions: layout.autoLayout(topology) } }));
  return { file, topologyBytes: Buffer.byteLength(JSON.stringify(topology)) };
}

/** One run at a time: a second would wipe the first's database and skew both runs' figures. */
function takeLock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
    return;
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
  }
  const pid = Number(fs.readFileSync(LOCK, "utf8"));
  let alive = false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    alive = true;
  } catch {}
  if (alive) throw new Error(`another bench:canvas is running (pid ${pid}); wait for it to finish`);
  fs.writeFileSync(LOCK, String(process.pid));
}

function releaseLock() {
  if (fs.readFileSync(LOCK, { encoding: "utf8", flag: "a+" }) === String(process.pid)) fs.rmSync(LOCK, { force: true });
}

// ---------- in-page probes ----------

/** Installed before any page script: notes when the first canvas node is painted, in ms since navigation start. */
function installProbe() {
  const bench = (window.__bench = { firstNodeAt: null, deltas: null, on: false });
  const check = () => {
    const el = document.querySelector(".react-flow__node");
    // React Flow keeps a node hidden until it has measured it; the frame after this check paints it.
    if (el && getComputedStyle(el).visibility === "visible") {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (bench.firstNodeAt = performance.now());
      ch.port2.postMessage(null);
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  // One mouse move per frame along a figure of eight that ends where it started, dispatched where a real
  // rAF-aligned move is (just before the frame's callbacks), so each frame carries exactly one input and its
  // cost shows in the time to the next frame. Returns the n frame times and whether `watch` moved meanwhile.
  bench.drive = ({ x0, y0, rx, ry, n, watch }) =>
    new Promise((resolve) => {
      const deltas = [];
      const el = () => document.querySelector(watch);
      const before = el()?.style.transform;
      let moved = false;
      let last = null;
      let i = 0;
      const frame = (t) => {
        if (last !== null) deltas.push(t - last);
        last = t;
        if (i === n) return resolve({ deltas, moved });
        i++;
        const a = (2 * Math.PI * i) / n;
        const x = x0 + rx * Math.sin(a);
        const y = y0 + ry * Math.sin(2 * a);
        const target = document.elementFromPoint(x, y) ?? document.body;
        target.dispatchEvent(new MouseEvent("mousemove", { clientX: x, clientY: y, screenX: x, screenY: y, buttons: 1, bubbles: true, cancelable: true, view: window }));
        if (i === Math.round(n / 4)) moved = el()?.style.transform !== before;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  // Long tasks on the main thread, from the moment `watchLongTasks` is called.
  bench.watchLongTasks = () => {
    bench.longTasks = [];
    bench.observer?.disconnect();
    bench.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    });
    bench.observer.observe({ type: "longtask" });
  };
  // Clicks the auto layout button and resolves when it is back (the positions are in the store), after the
  // frame that paints them: the time from the click, and the longest main-thread task meanwhile.
  bench.layout = () =>
    new Promise((resolve, reject) => {
      const button = document.querySelector('[data-testid="auto-layout"]');
      if (!button) return reject(new Error("no auto layout button"));
      bench.watchLongTasks();
      const t0 = performance.now();
      let started = false;
      const until = t0 + 180_000;
      const check = () => {
        if (button.disabled) started = true;
        else if (started) {
          // The frame after the new positions, then one more so its long task (if any) is reported.
          requestAnimationFrame(() => {
            const ms = performance.now() - t0;
            setTimeout(() => {
              const tasks = bench.longTasks.filter((t) => t.start + t.duration >= t0);
              resolve({ ms, longestTask: Math.max(0, ...tasks.map((t) => t.duration)), longTasks: tasks.length });
            }, 50);
          });
          return;
        }
        if (performance.now() > until) return reject(new Error("the layout did not finish within 180 s"));
        requestAnimationFrame(check);
      };
      button.click();
      requestAnimationFrame(check);
    });
  // The autosave after a change: resolves with the time from "Saving…" to "Saved" (the save action's round trip
  // with the topology, its validation and the database write).
  bench.saved = () =>
    new Promise((resolve, reject) => {
      const el = document.querySelector('[data-testid="save-state"]');
      if (!el) return reject(new Error("no save state"));
      let savingAt = null;
      const timer = setTimeout(() => finish(new Error("no save within 120 s")), 120_000);
      const finish = (result) => {
        observer.disconnect();
        clearTimeout(timer);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const observer = new MutationObserver(() => {
        const text = el.textContent;
        if (text === "Saving…" && savingAt === null) savingAt = performance.now();
        else if (text === "Saved" && savingAt !== null) finish({ ms: performance.now() - savingAt });
        else if (text === "Save failed" || text === "Changed elsewhere") finish(new Error(`saving failed: ${el.getAttribute("title")}`));
      });
      observer.observe(el, { childList: true, characterData: true, subtree: true });
    });
  // Quiet means 30 frames in a row under 20 ms (hydration, validation and fitView are done); give up after 15 s.
  bench.settle = () =>
    new Promise((resolve) => {
      let quiet = 0;
      let last = null;
      const until = performance.now() + 15_000;
      const loop = (t) => {
        quiet = last !== null && t - last < 20 ? quiet + 1 : 0;
        last = t;
        if (quiet >= 30 || t > until) resolve(quiet >= 30);
        else requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
}

/** A point on the empty pane, away from the MiniMap and Controls, where a press pans. */
function emptyPanePoint() {
  const r = document.querySelector(".react-flow").getBoundingClientRect();
  for (let fx = 0.15; fx <= 0.85; fx += 0.05) {
    for (let fy = 0.2; fy <= 0.8; fy += 0.05) {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
    }
  }
  return null;
}

/** The centre of a visible node near the middle of the canvas that a press there would grab. */
function nodeNearCentre() {
  const r = document.querySelector(".react-flow").getBoundingClientRect();
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  let best = null;
  for (const el of document.querySelectorAll(".react-flow__node")) {
    const b = el.getBoundingClientRect();
    const x = b.left + b.width / 2;
    const y = b.top + b.height / 2;
    if (x < r.left + 200 || x > r.right - 200 || y < r.top + 150 || y > r.bottom - 150) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !el.contains(hit)) continue;
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (!best || d < best.d) best = { x, y, d, id: el.getAttribute("data-id") };
  }
  return best;
}

// ---------- measuring ----------

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/**
 * CPU time of the page's main thread in a Chromium trace (top-level tasks' thread time). Unlike frame times,
 * it hardly grows when other processes compete for the machine's cores.
 */
const TASK_EVENTS = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);
function mainThreadCpuMs(trace) {
  const parsed = JSON.parse(trace.toString());
  const events = parsed.traceEvents ?? parsed;
  const mains = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map();
  const tasks = events.filter((x) => x.ph === "X" && TASK_EVENTS.has(x.name) && mains.has(`${x.pid}:${x.tid}`));
  // Outer events first, so that a task nested in another is skipped and not counted twice.
  for (const e of tasks.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    const key = `${e.pid}:${e.tid}`;
    const t = perThread.get(key) ?? { cpu: 0, end: -1 };
    if (e.ts >= t.end) {
      t.cpu += (e.tdur ?? e.dur ?? 0) / 1000;
      t.end = e.ts + (e.dur ?? 0);
    }
    perThread.set(key, t);
  }
  // The busiest renderer main thread is the page's (others are idle helpers).
  return Math.max(0, ...[...perThread.values()].map((t) => t.cpu));
}

/** Presses the real mouse at `at`, lets the page move it for cfg.frames frames, releases it where it started. */
async function gesture(browser, page, at, rx, ry, watch) {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await browser.startTracing(page, { categories: ["toplevel"] });
  const r = await page.evaluate((o) => window.__bench.drive(o), { x0: at.x, y0: at.y, rx, ry, n: cfg.frames, watch });
  const cpuMs = mainThreadCpuMs(await browser.stopTracing());
  await page.mouse.up();
  return { ...r, cpuPerFrame: cpuMs / cfg.frames };
}

async function measure(browser, context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit", timeout: 180_000 });
    await page.waitForFunction(() => window.__bench?.firstNodeAt != null, null, { timeout: 180_000, polling: 50 });
    const renderMs = await page.evaluate(() => window.__bench.firstNodeAt);
    await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= n, cfg.nodes, { timeout: 60_000 });
    const nodes = await page.locator(".react-flow__node").count();
    const edges = await page.locator(".react-flow__edge").count();
    await page.evaluate(() => window.__bench.settle());
    const size = await page.evaluate(() => {
      const r = document.querySelector(".react-flow").getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    });

    const panAt = await page.evaluate(emptyPanePoint);
    if (!panAt) throw new Error(`${url}: no empty pane to pan on`);
    const pan = await gesture(browser, page, panAt, 150, 100, ".react-flow__viewport");
    if (!pan.moved) throw new Error(`${url}: panning did not move the viewport`);
    await page.evaluate(() => window.__bench.settle());

    const node = await page.evaluate(nodeNearCentre);
    if (!node) throw new Error(`${url}: no node to drag near the middle of the canvas`);
    const drag = await gesture(browser, page, node, 120, 80, `.react-flow__node[data-id="${node.id}"]`);
    if (!drag.moved) throw new Error(`${url}: dragging did not move node ${node.id}`);
    return { renderMs, nodes, edges, size, pan: pan.deltas, drag: drag.deltas, panCpu: pan.cpuPerFrame, dragCpu: drag.cpuPerFrame };
  } finally {
    await page.close();
  }
}

/** Auto layout and save in the designer: `rounds` of each on one page, after it has settled. */
async function measureDesignerOnly(context, url, rounds) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit", timeout: 180_000 });
    await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= n, cfg.nodes, { timeout: 180_000 });
    await page.evaluate(() => window.__bench.settle());
    const layouts = [];
    for (let i = 0; i < rounds; i++) {
      layouts.push(await page.evaluate(() => window.__bench.layout()));
      await page.evaluate(() => window.__bench.settle());
      say(`layout ${i + 1}: ${layouts[i].ms.toFixed(0)} ms, longest main-thread task ${layouts[i].longestTask.toFixed(0)} ms (${layouts[i].longTasks} long tasks)`);
    }
    // The layout's own save (positions) first, so the topology saves below are timed alone.
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === "Saved", null, { timeout: 120_000 });
    // The change saved is a topic renamed in the properties panel: the design keeps its size (a node added would
    // take a 5,000-node design over the designer's limit, and its save would be refused).
    const topic = page.locator(".react-flow__node", { has: page.getByTestId("node-topic") }).first();
    await topic.dispatchEvent("click");
    const nameField = page.getByRole("complementary", { name: "Properties" }).getByLabel("Topic name");
    await nameField.waitFor({ timeout: 60_000 });
    const saves = [];
    for (let i = 0; i < rounds; i++) {
      const saved = page.evaluate(() => window.__bench.saved());
      await nameField.fill(`bench.renamed.${Date.now()}.${i}`);
      saves.push(await saved);
      say(`save ${i + 1}: ${saves[i].ms.toFixed(0)} ms`);
      await page.evaluate(() => window.__bench.settle());
    }
    return {
      layoutMs: median(layouts.map((l) => l.ms)),
      longestTaskMs: Math.max(...layouts.map((l) => l.longestTask)),
      saveMs: median(saves.map((x) => x.ms)),
      saveMaxMs: Math.max(...saves.map((x) => x.ms)),
    };
  } finally {
    await page.close();
  }
}

function summarize(rounds) {
  const per = (f) => median(rounds.map(f));
  return {
    renderMs: per((r) => r.renderMs),
    // The slower gesture's median (kept for comparison with earlier runs; each gesture has its own ratio).
    frameMs: per((r) => Math.max(median(r.pan), median(r.drag))),
    panMs: per((r) => median(r.pan)),
    panP95: per((r) => p95(r.pan)),
    dragMs: per((r) => median(r.drag)),
    dragP95: per((r) => p95(r.drag)),
    cpuMs: per((r) => (r.panCpu + r.dragCpu) / 2),
  };
}

// ---------- main ----------

async function main() {
  takeLock();
  try {
    await bench();
  } finally {
    releaseLock();
  }
}

async function bench() {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const env = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    TOPIARY_BENCH: "1",
    TOPIARY_LOG_LEVEL: process.env.TOPIARY_LOG_LEVEL || "warn",
    KAFKA_BROKERS: process.env.KAFKA_BROKERS || "127.0.0.1:9092",
    DATABASE_URL: `file:${path.join(WORK_DIR, "bench.db")}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // The benchmark measures the canvas, not sign-in; no lag sampling competes with it either.
    AUTH_DISABLED: "true",
    TOPIARY_LAG_INTERVAL_MS: "0",
  };

  await buildIfNeeded(env);
  ensureSecretKey(env);
  prepareDatabase(env);
  say(`generating ${cfg.nodes} nodes and ${cfg.edges} edges (seed ${cfg.seed}) and laying them out…`);
  const { file: designFile, topologyBytes } = await writeDesignFile();

  const port = await freePort(cfg.port);
  const base = `http://127.0.0.1:${port}`;
  let server = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await stopServer(server);
  };
  const onSignal = () =>
    void cleanup().then(() => {
      releaseLock();
      process.exit(130);
    });
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    server = startServer(env, port);
    await waitForHealth(base, server);
    say(`console on ${base}; opening Chromium`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(installProbe);

    const importer = await context.newPage();
    await importer.goto(`${base}/designs`);
    await importer.getByTestId("import-file").setInputFiles(designFile);
    await importer.waitForFunction(
      () => /^\/designs\/[^/]+$/.test(location.pathname) || document.querySelector('[data-testid="designs-error"]') || document.querySelector('[data-testid="name-dialog"][open]'),
      null,
      { timeout: 120_000 },
    );
    // A design of that name from an earlier run in this database: import under the name offered.
    if (await importer.getByTestId("name-dialog").isVisible()) {
      await importer.getByTestId("name-dialog").getByRole("button", { name: "Import" }).click();
      await importer.waitForURL(/\/designs\/[^/]+$/, { timeout: 120_000 });
    }
    const importError = await importer.getByTestId("designs-error").textContent().catch(() => null);
    if (!/^\/designs\/[^/]+$/.test(new URL(importer.url()).pathname)) throw new Error(`import failed: ${importError ?? "unknown error"}`);
    const designUrl = importer.url();
    await importer.close();
    say(`imported as ${designUrl}`);

    // Warm both pages (server caches, the bare page's layout, JavaScript in the browser cache), unmeasured.
    // The bare canvas gets the designer's canvas size, so both draw the same area at the same zoom.
    const warm = await measure(browser, context, designUrl);
    const q = `nodes=${cfg.nodes}&edges=${cfg.edges}&seed=${cfg.seed}&w=${warm.size.width}&h=${warm.size.height}`;
    const bareUrl = `${base}/bench/bare-flow?${q}`;
    await measure(browser, context, bareUrl);

    const results = { ours: [], bare: [] };
    for (let r = 1; r <= cfg.rounds; r++) {
      for (const [key, url] of [["ours", designUrl], ["bare", bareUrl]]) {
        const m = await measure(browser, context, url);
        if (m.nodes !== cfg.nodes) throw new Error(`${url} shows ${m.nodes} nodes, expected ${cfg.nodes}`);
        results[key].push(m);
        say(`round ${r} ${key}: render ${m.renderMs.toFixed(0)} ms, pan median ${median(m.pan).toFixed(1)} ms, drag median ${median(m.drag).toFixed(1)} ms, cpu ${((m.panCpu + m.dragCpu) / 2).toFixed(1)} ms/frame`);
      }
    }

    say("auto layout and save in the designer…");
    const only = await measureDesignerOnly(context, designUrl, cfg.rounds);

    const ours = summarize(results.ours);
    const bare = summarize(results.bare);
    const ratio = (a, b) => (b > 0 ? a / b : NaN);
    const f1 = (x) => x.toFixed(1);
    const row = (label, s) =>
      `${label.padEnd(22)}${f1(s.renderMs).padStart(12)}${f1(s.frameMs).padStart(12)}${f1(s.panMs).padStart(10)}${f1(s.panP95).padStart(10)}${f1(s.dragMs).padStart(10)}${f1(s.dragP95).padStart(10)}${f1(s.cpuMs).padStart(8)}`;
    const r = {
      frame: ratio(ours.frameMs, bare.frameMs),
      render: ratio(ours.renderMs, bare.renderMs),
      pan: ratio(ours.panMs, bare.panMs),
      drag: ratio(ours.dragMs, bare.dragMs),
      cpu: ratio(ours.cpuMs, bare.cpuMs),
    };
    const s = results.ours[0];
    out();
    out(`Canvas benchmark: ${cfg.nodes} nodes, ${cfg.edges} edges (seed ${cfg.seed}); ${s.edges} edges drawn; canvas ${s.size.width}x${s.size.height} in a ${VIEWPORT.width}x${VIEWPORT.height} window`);
    out(`${cfg.rounds} rounds on fresh pages, medians over rounds; ${cfg.frames} frames of panning and ${cfg.frames} of dragging per round, one mouse move a frame`);
    out("render: ms from navigation start to the first painted node; frame: the slower gesture's median frame time;");
    out("cpu: the page's main-thread CPU per frame over both gestures, which other load on the machine hardly changes (ms)");
    out();
    out(`${"".padEnd(22)}${"render".padStart(12)}${"frame".padStart(12)}${"pan".padStart(10)}${"pan p95".padStart(10)}${"drag".padStart(10)}${"drag p95".padStart(10)}${"cpu".padStart(8)}`);
    out(row("designer (ours)", ours));
    out(row("bare React Flow", bare));
    out();
    const met = (ok) => (ok ? "met" : "MISSED");
    out(`ratios ours/bare, each measure against the same measure: render ${r.render.toFixed(2)}, pan ${r.pan.toFixed(2)}, drag ${r.drag.toFixed(2)} (cpu ${r.cpu.toFixed(2)}; frame, the slower gesture of each, ${r.frame.toFixed(2)})`);
    out(`target ≤ ${TARGET} on each of render, pan and drag: ${met(r.render <= TARGET && r.pan <= TARGET && r.drag <= TARGET)}`);
    out();
    out(`auto layout of the ${cfg.nodes}-node design in the designer (worker), ${cfg.rounds} runs: median ${only.layoutMs.toFixed(0)} ms from the click to the positions painted; longest main-thread task meanwhile ${only.longestTaskMs.toFixed(0)} ms`);
    out(`  target (1,000 nodes): under ${LAYOUT_TARGET_MS} ms, longest task under ${LONG_TASK_TARGET_MS} ms: ${met(only.layoutMs < LAYOUT_TARGET_MS && only.longestTaskMs < LONG_TASK_TARGET_MS)}`);
    out(`saving the design (a topic renamed; autosave from "Saving…" to "Saved"), ${cfg.rounds} saves: median ${only.saveMs.toFixed(0)} ms, slowest ${only.saveMaxMs.toFixed(0)} ms; topology ${(topologyBytes / 1024 / 1024).toFixed(2)} MB of JSON (server action limit 4 MB: ${((100 * topologyBytes) / ACTION_BODY_LIMIT).toFixed(0)}%)`);
    out(`  target (5,000 nodes): under ${SAVE_TARGET_MS} ms: ${met(only.saveMs < SAVE_TARGET_MS)}`);
    out(
      [
        `ours_frame_ms=${f1(ours.frameMs)}`,
        `bare_frame_ms=${f1(bare.frameMs)}`,
        `frame_ratio=${r.frame.toFixed(2)}`,
        `ours_render_ms=${ours.renderMs.toFixed(0)}`,
        `bare_render_ms=${bare.renderMs.toFixed(0)}`,
        `render_ratio=${r.render.toFixed(2)}`,
        `nodes=${cfg.nodes}`,
        `edges=${cfg.edges}`,
        `ours_pan_ms=${f1(ours.panMs)}`,
        `bare_pan_ms=${f1(bare.panMs)}`,
        `pan_ratio=${r.pan.toFixed(2)}`,
        `ours_drag_ms=${f1(ours.dragMs)}`,
        `bare_drag_ms=${f1(bare.dragMs)}`,
        `drag_ratio=${r.drag.toFixed(2)}`,
        `ours_cpu_ms=${f1(ours.cpuMs)}`,
        `bare_cpu_ms=${f1(bare.cpuMs)}`,
        `cpu_ratio=${r.cpu.toFixed(2)}`,
        `layout_ms=${only.layoutMs.toFixed(0)}`,
        `layout_longest_task_ms=${only.longestTaskMs.toFixed(0)}`,
        `save_ms=${only.saveMs.toFixed(0)}`,
        `topology_bytes=${topologyBytes}`,
        `rounds=${cfg.rounds}`,
      ].join(" "),
    );
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

main().catch((e) => {
  say(`error: ${e.stack || e.message}`);
  process.exit(1);
});
