// The parent's side of a console instance in a child process (console-child.mjs): start it, call its route
// handlers and functions over IPC, and stop it (SIGTERM, or SIGKILL as a crash).
import { fork } from "node:child_process";
import path from "node:path";

export interface ConsoleProcess {
  pid: number;
  /** Its sampler lease holder id. */
  instance: string;
  /** GET (or, with a body, POST) a route handler module of app/api, e.g. "/app/api/health/ready/route.ts". */
  route<T = unknown>(module: string, url: string, params?: Record<string, string>, body?: unknown): Promise<{ status: number; body: T }>;
  /** Calls an exported function of a module (JSON-safe arguments; Maps come back as objects). */
  call<T = unknown>(module: string, name: string, ...args: unknown[]): Promise<T>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its stdout and stderr so far. */
  output(): string;
}

const ENTRY = path.resolve(import.meta.dirname, "console-child.mjs");

/** Starts one; `preload` names the modules it will be asked to call (loaded before its server starts). */
export async function startConsoleProcess(env: Record<string, string | undefined>, preload: string[] = [], readyWithinMs = 90_000): Promise<ConsoleProcess> {
  const child = fork(ENTRY, preload, { env: { ...process.env, ...env } as NodeJS.ProcessEnv, execArgv: [], stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let instance = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the console process did not start within ${readyWithinMs} ms:\n${out}`)), readyWithinMs);
    child.on("message", (msg: { op?: string; id?: number; value?: unknown; error?: string; instance?: string }) => {
      if (msg.op === "ready") {
        instance = msg.instance ?? "";
        clearTimeout(timer);
        resolve();
        return;
      }
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error));
      else p.resolve(msg.value);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the console process exited (${code ?? signal}) before it was ready:\n${out}`));
      for (const p of pending.values()) p.reject(new Error(`the console process exited (${code ?? signal})`));
      pending.clear();
    });
  });
  const ask = <T>(msg: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...msg });
    });
  await ready;
  return {
    pid: child.pid!,
    instance,
    route: (module, url, params = {}, body) => ask({ op: "route", module, url, params, body }),
    call: (module, name, ...args) => ask({ op: "call", module, name, args }),
    kill: (signal) => void child.kill(signal),
    exited,
    output: () => out,
  };
}
