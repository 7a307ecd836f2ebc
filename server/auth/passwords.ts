import "server-only";
import path from "node:path";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors/app-error";
import { bcryptCost, passwordHashThreads } from "@/server/config";

// Password hashing (bcrypt) runs in worker threads, at most TOPIARY_HASH_THREADS at a time for the whole
// process, with a bounded queue: a burst of sign-ins (real or not) waits its turn or is told to come back, and
// the server's event loop keeps answering everyone else. Unknown user names are checked against a dummy hash
// through the same pool, so they cost what a real name costs and share the same bound.

const MAX_QUEUE = 32;
const g = globalThis as unknown as { topiaryPasswordPool?: Piscina };

function pool(): Piscina {
  g.topiaryPasswordPool ??= new Piscina({
    filename: path.join(/*turbopackIgnore: true*/ process.cwd(), "server/auth/password-worker.mjs"),
    minThreads: 0,
    maxThreads: passwordHashThreads(),
    idleTimeout: 60_000,
    maxQueue: MAX_QUEUE,
  });
  return g.topiaryPasswordPool;
}

async function run<T>(task: object): Promise<T> {
  try {
    return (await pool().run(task)) as T;
  } catch (e) {
    if ((e as Error).message?.includes("Task queue is at limit")) {
      throw new AppError("BUSY", { message: "password hashing queue full", userMessage: "Too many sign-ins at once: try again in a few seconds." });
    }
    throw e;
  }
}

export const hashPassword = (password: string) => run<string>({ op: "hash", password, cost: bcryptCost() });

// A hash to compare against when the user does not exist, so the time taken does not tell which names exist.
let dummy: Promise<string> | null = null;

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummy ??= hashPassword("no such user").catch((e) => {
      dummy = null;
      throw e;
    });
    await run<boolean>({ op: "compare", password, hash: await dummy });
    return false;
  }
  return run<boolean>({ op: "compare", password, hash });
}
