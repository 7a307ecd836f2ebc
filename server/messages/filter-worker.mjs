// A filter worker thread (run by piscina from server/messages/filter-pool.ts): evaluates one search's CEL
// expression over a batch of messages and says which matched. Plain JavaScript so Node can start it from
// source; the environment is the same one the server checks expressions with (lib/messages/cel-filter.mjs).
//
// It cannot stop itself in the middle of an expression, so it reports its progress through shared memory
// (one counter per task, bumped after every message) and the pool terminates it when one message takes too long.
import { createFilterEnvironment, evaluationErrorKind, evaluationErrorText, messageContext, parseFilter } from "../../lib/messages/cel-filter.mjs";
import { decodePart } from "../../lib/registry/payload-decoder.mjs";

const env = createFilterEnvironment();
const programs = new Map();
const PROGRAM_CACHE_SIZE = 32;

function programFor(expression) {
  let program = programs.get(expression);
  if (!program) {
    program = parseFilter(env, expression);
    if (programs.size >= PROGRAM_CACHE_SIZE) programs.delete(programs.keys().next().value);
    programs.set(expression, program);
  }
  return program;
}

const slice = (data, start, length) => (length < 0 ? null : data.subarray(start, start + length));

/** The expression's variables with the key and value decoded by their schema (null when they do not decode). */
function decodedContext(spec, message) {
  const value = decodePart(spec, "value", message.value);
  const key = decodePart(spec, "key", message.key);
  if (!value && !key) return messageContext(message);
  const ctx = messageContext({ ...message, value: value ? null : message.value, key: key ? null : message.key });
  if (value) ctx.value = value.ok ? value.value : null;
  if (key) ctx.key = key.ok ? key.value : null;
  return ctx;
}

/** @param {import("./filter-batch").FilterTask} task @returns {import("./filter-batch").FilterTaskResult} */
export default function evaluate(task) {
  const program = programFor(task.expression);
  const progress = new Int32Array(task.progress);
  Atomics.store(progress, 1, 1);
  const data = new Uint8Array(task.data);
  const matches = new Uint8Array(task.count);
  const errors = { missing: 0, type: 0, other: 0 };
  let firstError = null;
  for (let i = 0; i < task.count; i++) {
    const message = {
      key: slice(data, task.keyStart[i], task.keyLength[i]),
      value: slice(data, task.valueStart[i], task.valueLength[i]),
      headers: task.headers[i] ?? {},
      partition: task.partition,
      offset: task.offsets[i],
      timestamp: task.timestamps[i],
    };
    try {
      if (program(task.decode ? decodedContext(task.decode, message) : messageContext(message)) === true) matches[i] = 1;
    } catch (e) {
      const kind = evaluationErrorKind(e);
      errors[kind]++;
      firstError ??= { kind, text: evaluationErrorText(e) };
    }
    Atomics.add(progress, 0, 1);
  }
  return { matches, errors, firstError };
}
