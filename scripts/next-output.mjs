// What `npm start` shows of Next's own output (issue 12, item 15): a newcomer sees one line per step, not Next's
// route table, its telemetry notice or its "Experiments (use with caution)" line for the server actions' body
// limit (set on purpose in next.config.js). Everything else the server prints (its logs, errors) passes through.
import { spawn, spawnSync } from "node:child_process";
import readline from "node:readline";

/** Lines of `next start` / `next dev` that only restate what `npm start` already said. */
const EXPECTED = [
  /^\s*▲ Next\.js /,
  /^\s*- (Local|Network|Environments):/,
  /^\s*- Experiments \(use with caution\):/,
  /^\s*[·✓⨯] (serverActions|Running next\.config\.js)/,
  /^\s*✓ Starting\.\.\./,
  /^\s*$/,
];

/** Runs `next build` quietly: one line before, one after with the time; the whole output only when it fails. */
export function buildQuietly(nextBin, { cwd, env, say }) {
  const started = Date.now();
  say("building the console (first start, or the sources changed; a few minutes on 2 cores)…");
  const r = spawnSync(nextBin, ["build"], { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}`);
    throw new Error(`next build failed (exit ${r.status}); its output is above`);
  }
  say(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Starts `next <mode>` with its banner lines left out and "Ready" said once in Topiary's words; the server's own
 * output (JSON log lines, errors) is passed on as it comes.
 */
export function startServer(nextBin, args, { cwd, env, say, url }) {
  const child = spawn(nextBin, args, { cwd, env, stdio: ["inherit", "pipe", "pipe"] });
  const pass = (from, to) =>
    readline.createInterface({ input: from }).on("line", (line) => {
      if (/^\s*✓ Ready in /.test(line)) return say(`ready on ${url} (${line.trim().slice(2)})`);
      if (EXPECTED.some((re) => re.test(line))) return;
      to.write(`${line}\n`);
    });
  pass(child.stdout, process.stdout);
  pass(child.stderr, process.stderr);
  return child;
}
