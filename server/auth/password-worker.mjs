// A password-hashing worker thread (run by piscina from server/auth/passwords.ts). bcrypt is meant to be slow:
// it must never run on the request's event loop, and how many run at once is the pool's bound.
import bcrypt from "bcryptjs";

/** @param {{ op: "hash", password: string, cost: number } | { op: "compare", password: string, hash: string }} task */
export default function run(task) {
  if (task.op === "hash") return bcrypt.hashSync(task.password, task.cost);
  return bcrypt.compareSync(task.password, task.hash);
}
