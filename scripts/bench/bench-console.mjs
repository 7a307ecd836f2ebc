// What every benchmark needs to run the console beside the real tool it is compared with: a production build
// (under a shared lock: other jobs build in this tree too), the console started on a free port with its own
// SQLite file, and stopped again. Also server-action calls for the benchmarks that sign in.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureSecretKey, needsBuild, prepareDatabase, run } from "../start.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BUILD_LOCK = "/tmp/topiary-build.lock";
export const say = (msg) => process.stderr.write(`[bench] ${msg}\n`);
export const out = (line = "") => process.stdout.write(`${line}\n`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const num = (name, fallback) => (Number.isFinite(Number(process.env[name])) && process.env[name] ? Number(process.env[name]) : fallback);

/** Builds the console when the sources changed, under the shared build lock. */
export function ensureBuild(env) {
  if (!needsBuild()) return;
  say(`building the console (waiting for ${BUILD_LOCK})…`);
  // `next build` may rewrite tsconfig.json; put it back so the tree is left as found.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const startModule = pathToFileURL(path.join(root, "scripts/start.mjs")).href;
  const next = path.join(root, "node_modules/.bin/next");
  // needsBuild is asked again once the lock is held: another job may have built while we waited.
  const code = `const m = await import(${JSON.stringify(startModule)}); if (m.needsBuild()) m.run(${JSON.stringify(next)}, ["build"], process.env);`;
  try {
    run("flock", [BUILD_LOCK, process.execPath, "--input-type=module", "-e", code], env);
  } finally {
    if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  }
}

/**
 * Holds the build lock shared while the console runs: a job that builds takes it exclusively, and a build
 * replaces .next under a running `next start` (its requests then fail). Released when `release` is called or
 * when this process dies (the pipe closes).
 */
async function holdBuildLockShared() {
  const p = spawn("flock", ["-s", BUILD_LOCK, "sh", "-c", "echo held; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    p.stdout.once("data", resolve);
    p.once("exit", (code) => reject(new Error(`flock -s ${BUILD_LOCK} exited ${code}`)));
  });
  return () => p.stdin.end();
}

export async function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(preferred, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on("error", (e) => (preferred ? freePort(0).then(resolve, reject) : reject(e)));
  });
}

/**
 * Starts the console (production build) against `bootstrap` with a fresh SQLite file in .topiary/<name>.
 * `env` adds to the environment (AUTH_DISABLED, TOPIARY_LAG_INTERVAL_MS, …). Gives { server, base, pid, stop }.
 */
export async function startConsole({ name, bootstrap, env: extra = {}, port: wanted = 0 }) {
  const dir = path.join(root, ".topiary", name);
  fs.rmSync(path.join(dir, "bench.db"), { force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, KAFKA_BROKERS: bootstrap, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, TOPIARY_LOG_LEVEL: "warn", ...extra };
  ensureSecretKey(env);
  prepareDatabase(env);
  ensureBuild(env);
  const release = await holdBuildLockShared();
  const port = wanted || (await freePort());
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const gone = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([gone, sleep(10_000)]);
    }
    release();
  };
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error("the console did not start");
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 240) throw new Error("the console did not answer within 2 min");
      await sleep(500);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { server, base, pid: server.pid, stop };
}

/** The id of a server action (by its exported name) and a page path that serves it, from the build's manifest. */
export function actionRef(exportedName) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName !== exportedName) continue;
    const page = Object.keys(entry.workers).find((w) => w.startsWith("app/") && !w.includes("["));
    if (!page) continue;
    return { id, path: page.replace(/^app/, "").replace(/\/page$/, "") || "/" };
  }
  throw new Error(`no server action ${exportedName} in the build`);
}

/** Calls a server action as the browser does (same origin). Gives the response, its text and its cookies. */
export async function callAction(base, exportedName, arg, { cookie, headers = {} } = {}) {
  const ref = actionRef(exportedName);
  const res = await fetch(`${base}${ref.path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": ref.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: base, ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify([arg]),
  });
  const text = await res.text();
  const cookies = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);
  return { res, text, cookies };
}

/** Creates the first admin through the first-run action; gives the session cookie. */
export async function firstAdminCookie(base, username = "bench-admin", password = "a long bench password") {
  const { res, text, cookies } = await callAction(base, "createFirstAdminAction", { username, displayName: username, password, confirm: password });
  const cookie = cookies.find((c) => c.startsWith("topiary_session="));
  if (!cookie) throw new Error(`first-run answered ${res.status} without a session: ${text.slice(0, 300)}`);
  return cookie;
}

// ---------- the machine: every figure goes out with the date and the load it was measured under ----------

/** The load averages (1, 5, 15 min) as `uptime` prints them. */
export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(",");
}

/** One line to print with the figures: date, machine (cores, memory) and load now. */
export function machineLine() {
  const gb = (os.totalmem() / 2 ** 30).toFixed(0);
  return `measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores, ${gb} GB; load average ${loadAverage().replaceAll(",", " ")}`;
}

/** key=value pairs every last line ends with: when, and the load at the end of the run. */
export function machinePairs() {
  return `date=${new Date().toISOString().slice(0, 10)} load=${loadAverage()}`;
}

// ---------- the console's process tree: memory and CPU, read from /proc ----------

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const list = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (list) out.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // gone meanwhile
  }
  return out;
}

/** pid and every process below it. */
export function processTree(pid) {
  const all = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    all.push(p);
    todo.push(...childrenOf(p));
  }
  return all;
}

/** Resident memory of pid and its children, in bytes (VmRSS from /proc/<pid>/status; worker threads included). */
export function treeRss(pid) {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone meanwhile
    }
  }
  return kb * 1024;
}

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux
/** CPU time (user + system) of pid and its children so far, in ms (/proc/<pid>/stat utime + stime). */
export function treeCpuMs(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]); // fields 14 and 15 of stat(5), counted from after the name
    } catch {
      // gone meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** CPU time (ms) of one process's main thread and of its other threads (workers, libuv, V8's GC). */
export function threadCpuMs(pid) {
  let main = 0;
  let others = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
        if (Number(tid) === pid) main += ms;
        else others += ms;
      } catch {
        // thread ended meanwhile (its time is then lost to this count)
      }
    }
  } catch {
    // gone
  }
  return { main, others };
}

/** Samples the tree's RSS every `everyMs` until stopped; gives the peak (and the last) in bytes. */
export function sampleRss(pid, everyMs = 250) {
  let peak = treeRss(pid);
  let last = peak;
  const timer = setInterval(() => {
    last = treeRss(pid);
    if (last > peak) peak = last;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      last = treeRss(pid);
      peak = Math.max(peak, last);
      return { peak, last };
    },
  };
}

export const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);

// ---------- a browser for the benchmarks that open pages ----------

export async function launchChromium() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The console's first cluster (or the one named `name`). */
export async function clusterOf(base, name = "local") {
  const res = await fetch(`${base}/api/clusters`);
  const clusters = await res.json();
  if (!res.ok || !Array.isArray(clusters)) throw new Error(`/api/clusters answered ${res.status}: ${JSON.stringify(clusters).slice(0, 300)}`);
  const cluster = clusters.find((c) => c.name === name) ?? clusters[0];
  if (!cluster) throw new Error("the console lists no cluster");
  return cluster;
}

/** Runs fn over items, `limit` at a time; results in order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
