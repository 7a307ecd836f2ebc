import "server-only";
import path from "node:path";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors/app-error";
import { noEvaluationErrors, type EvaluationErrors } from "@/lib/messages/scan-events";
import { filterMessageBudgetMs, filterWorkerThreads } from "@/server/config";
import { logger } from "@/server/log";
import type { DecodeSpec } from "@/lib/registry/payload-decoder.mjs";
import { packBatch, type FilterCandidate, type FilterTaskResult } from "./filter-batch";

// Users' filter expressions run here, never on the request's event loop: a pool of worker threads (piscina)
// evaluates them batch by batch. One expression's cost is not bounded by its length (five nested `exists` over a
// 30-element list are 24 million steps), so each task is watched: when one message takes longer than the
// per-message budget, or the search's own deadline passes, the task is aborted, which terminates its worker
// (piscina starts a fresh one), and the search ends with a message that says why.

const WATCH_EVERY_MS = 10;
/** Tasks waiting for a worker, over all searches; beyond this a new batch is refused as BUSY. */
const MAX_QUEUE = 256;

const g = globalThis as unknown as { topiaryFilterPool?: Piscina };

function pool(): Piscina {
  g.topiaryFilterPool ??= new Piscina({
    // A file path the bundler leaves alone: Node loads the worker from source (see filter-worker.mjs).
    filename: path.join(/*turbopackIgnore: true*/ process.cwd(), "server/messages/filter-worker.mjs"),
    minThreads: 1,
    maxThreads: filterWorkerThreads(),
    idleTimeout: 5 * 60_000,
    maxQueue: MAX_QUEUE,
    // An expression that builds huge lists ends its worker, not the server.
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  return g.topiaryFilterPool;
}

/** Starts the pool's first worker, so the first filtered search does not wait for it. */
export function warmFilterPool(): void {
  pool();
}

export interface FilterRunOptions {
  /** When the search must end (ms since epoch): a task still running then is ended. */
  deadline: number;
  /** The search's own stop (Stop, the browser going away): a running task is ended too. */
  signal?: AbortSignal;
  /** Overrides the per-message budget (TOPIARY_FILTER_MESSAGE_MS). */
  messageBudgetMs?: number;
}

type Ended = { kind: "message-budget" | "deadline" | "stopped" };

/** One search's expression: evaluates batches in the pool and adds up the messages it could not evaluate. */
export class FilterRun {
  readonly errors: EvaluationErrors = noEvaluationErrors();
  private readonly budgetMs: number;

  constructor(
    private readonly expression: string,
    private readonly opts: FilterRunOptions,
  ) {
    this.budgetMs = opts.messageBudgetMs ?? filterMessageBudgetMs();
  }

  /**
   * Which of the candidates match (1) or not (0), in their order; null when the search's deadline passed or it
   * was stopped while the batch ran (the search then ends as it would have anyway).
   */
  async evaluate(partition: number, candidates: FilterCandidate[], decode?: DecodeSpec): Promise<Uint8Array | null> {
    if (candidates.length === 0) return new Uint8Array(0);
    const { task, transferList } = packBatch(this.expression, partition, candidates);
    if (decode) task.decode = decode;
    const progress = new Int32Array(task.progress);
    const abort = new AbortController();
    let ended: Ended | null = null;
    const end = (kind: Ended["kind"]) => {
      ended ??= { kind };
      abort.abort();
    };
    const onStop = () => end("stopped");
    this.opts.signal?.addEventListener("abort", onStop);
    if (this.opts.signal?.aborted) onStop();

    let seen = -1;
    let since = 0;
    const watchdog = setInterval(() => {
      const now = Date.now();
      if (now > this.opts.deadline) return end("deadline");
      if (Atomics.load(progress, 1) === 0) return; // still queued: waiting is not the expression's cost
      const done = Atomics.load(progress, 0);
      if (done !== seen) {
        seen = done;
        since = now;
      } else if (now - since > this.budgetMs) end("message-budget");
    }, WATCH_EVERY_MS);

    let result: FilterTaskResult;
    try {
      result = await pool().run(task, { transferList, signal: abort.signal });
    } catch (e) {
      const why = ended as Ended | null;
      if (why?.kind === "message-budget") throw this.overBudget(partition, candidates, Atomics.load(progress, 0));
      if (why) return null;
      if ((e as Error).message?.includes("Task queue is at limit")) {
        throw new AppError("BUSY", { userMessage: "Every filter worker is busy and the queue is full: try the search again in a moment." });
      }
      if ((e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new AppError("TOO_COSTLY", { message: "filter worker out of memory", userMessage: "The filter used more memory than a search may use on one message; simplify it." });
      }
      throw e;
    } finally {
      clearInterval(watchdog);
      this.opts.signal?.removeEventListener("abort", onStop);
    }
    this.errors.missing += result.errors.missing;
    this.errors.type += result.errors.type;
    this.errors.other += result.errors.other;
    this.errors.example ??= result.firstError?.text ?? null;
    return result.matches;
  }

  private overBudget(partition: number, candidates: FilterCandidate[], done: number): AppError {
    const at = candidates[Math.min(done, candidates.length - 1)];
    logger.warn("filter over its per-message budget", { budgetMs: this.budgetMs, partition, offset: at?.offset });
    return new AppError("TOO_COSTLY", {
      userMessage: `The filter took longer than ${this.budgetMs} ms on one message (partition ${partition}, offset ${at?.offset}); simplify it.`,
    });
  }
}
