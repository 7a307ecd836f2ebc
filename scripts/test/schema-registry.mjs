#!/usr/bin/env node
// The test Schema Registry (server/test-support/schema-registry/) as a process, for end-to-end tests and the
// scan benchmark: `node scripts/test/schema-registry.mjs [--port 18081] [--user U --password P | --token T]`.
// Prints `schema registry listening on http://127.0.0.1:PORT` once it answers; SIGTERM or SIGINT stop it.
// Its state lives in memory and goes with the process. It implements the Confluent endpoints Topiary calls;
// no real Schema Registry can be installed on these machines.
import { parseArgs } from "node:util";
import { startTestRegistry } from "../../server/test-support/schema-registry/registry-server.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SCHEMA_REGISTRY_PORT ?? "18081" },
    host: { type: "string", default: "127.0.0.1" },
    user: { type: "string" },
    password: { type: "string" },
    token: { type: "string" },
  },
});
const auth = values.token ? { token: values.token } : values.user ? { username: values.user, password: values.password ?? "" } : null;
const registry = await startTestRegistry({ port: Number(values.port), host: values.host, auth });
console.log(`schema registry listening on ${registry.url}`);
const stop = () => registry.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
