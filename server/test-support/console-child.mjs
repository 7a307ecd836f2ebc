// One console instance as a child process, for the multi-instance tests: the server's own start-up
// (server/start-server.ts: the lag sampler loop, the alert engine, webhook delivery, the shutdown on SIGTERM),
// loaded from source by Vite's module runner, on the DATABASE_URL and KAFKA_BROKERS it is given. The parent asks
// it over IPC to call a route handler or an exported function, as a browser's requests would reach it.
// @ts-check
import { createModuleRunner } from "../../scripts/test/ts-module-runner.mjs";

const runner = await createModuleRunner();
// Modules the test will call, loaded (and transformed) before the server starts: a first import costs a second or
// more of CPU, which a production build spends at build time, not while sampling.
for (const id of process.argv.slice(2)) await runner.import(id);
const { startServer } = await runner.import("/server/start-server.ts");
await startServer();
const { instanceId } = await runner.import("/server/groups/sampler-lease.ts");

/** Maps and Sets as plain JSON, Dates as ISO strings. */
const json = (v) => JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Map ? Object.fromEntries(x) : x instanceof Set ? [...x] : x)) ?? "null");

process.on("message", async (msg) => {
  const { id, op } = msg;
  try {
    const m = await runner.import(msg.module);
    if (op === "route") {
      const init = msg.body === undefined ? {} : { method: msg.method ?? "POST", body: JSON.stringify(msg.body), headers: { "content-type": "application/json", origin: "http://localhost" } };
      const res = await m[msg.method ?? "GET"](new Request(`http://localhost${msg.url}`, init), { params: Promise.resolve(msg.params ?? {}) });
      const text = await res.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      process.send?.({ id, value: { status: res.status, body } });
    } else {
      process.send?.({ id, value: json(await m[msg.name](...(msg.args ?? []))) });
    }
  } catch (e) {
    process.send?.({ id, error: String(e?.stack ?? e) });
  }
});
process.send?.({ op: "ready", instance: instanceId(), pid: process.pid });
