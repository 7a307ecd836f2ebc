// A test Schema Registry: an HTTP server with exactly the Confluent Schema Registry endpoints Topiary calls, as
// Confluent's API reference documents them (content type application/vnd.schemaregistry.v1+json, errors as
// { error_code, message } with the documented codes: 40401 subject, 40402 version, 40403 schema not found,
// 40404/40405 and 40406/40407 soft/hard delete order, 40408/40409 no subject-level config/mode, 409 with 40901
// incompatible, 42201 invalid schema, 42202 invalid version, 42203 level, 42204 mode, 42205 read-only, 42206
// referenced). No real registry can be installed on these machines, so registry-facing code is tested against
// this one; what it checks for compatibility is said in registry-formats.mjs. Optional basic or bearer auth.
//
// In-process: `await startTestRegistry({ auth })` on an ephemeral port; as a process:
// scripts/test/schema-registry.mjs. Not for production: state is in memory.
import http from "node:http";
import { RegistryError, RegistryStore } from "./registry-store.mjs";

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
const MAX_BODY = 4 * 1024 * 1024;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": CONTENT_TYPE, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const sendError = (res, status, errorCode, message) => send(res, status, { error_code: errorCode, message });

function authorized(req, auth) {
  if (!auth) return true;
  const header = req.headers.authorization ?? "";
  if (auth.token) return header === `Bearer ${auth.token}`;
  return header === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > MAX_BODY) throw new RegistryError(413, 413, "Request body too large");
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RegistryError(400, 50005, `Unrecognized JSON: ${e.message}`);
  }
}

const bool = (v) => v === "true";

/** [method, pattern, handler(store, params, query, body)] — a handler's return value is the JSON answer. */
const ROUTES = [
  ["GET", /^\/subjects$/, (s, p, q) => s.listSubjects(bool(q.get("deleted")))],
  ["GET", /^\/subjects\/([^/]+)\/versions$/, (s, [subject], q) => s.versionsOf(subject, bool(q.get("deleted"))).map((v) => v.version)],
  ["GET", /^\/subjects\/([^/]+)\/versions\/([^/]+)\/referencedby$/, (s, [subject, version]) => s.referencedBy(subject, version)],
  ["GET", /^\/subjects\/([^/]+)\/versions\/([^/]+)\/schema$/, (s, [subject, version], q) => JSON.parse(s.versionView(subject, s.findVersion(subject, version, bool(q.get("deleted")))).schema)],
  ["GET", /^\/subjects\/([^/]+)\/versions\/([^/]+)$/, (s, [subject, version], q) => s.versionView(subject, s.findVersion(subject, version, bool(q.get("deleted"))))],
  ["POST", /^\/subjects\/([^/]+)\/versions$/, (s, [subject], q, body) => s.register(subject, body)],
  ["POST", /^\/subjects\/([^/]+)$/, (s, [subject], q, body) => s.lookup(subject, body, bool(q.get("deleted")))],
  ["DELETE", /^\/subjects\/([^/]+)\/versions\/([^/]+)$/, (s, [subject, version], q) => s.deleteVersion(subject, version, bool(q.get("permanent")))],
  ["DELETE", /^\/subjects\/([^/]+)$/, (s, [subject], q) => s.deleteSubject(subject, bool(q.get("permanent")))],
  ["GET", /^\/schemas\/ids\/(\d+)$/, (s, [id]) => s.schemaById(id)],
  ["GET", /^\/schemas\/ids\/(\d+)\/versions$/, (s, [id], q) => s.versionsOfId(Number(id), bool(q.get("deleted")))],
  ["POST", /^\/compatibility\/subjects\/([^/]+)\/versions(?:\/([^/]+))?$/, (s, [subject, version], q, body) => compatibility(s, subject, version, q, body)],
  ["GET", /^\/config$/, (s) => ({ compatibilityLevel: s.config })],
  ["PUT", /^\/config$/, (s, p, q, body) => ({ compatibility: (s.config = RegistryStore.level(body)) })],
  ["GET", /^\/config\/([^/]+)$/, (s, [subject], q) => ({ compatibilityLevel: s.subjectConfigOf(subject, bool(q.get("defaultToGlobal"))) })],
  ["PUT", /^\/config\/([^/]+)$/, (s, [subject], q, body) => (s.subjectConfig.set(subject, RegistryStore.level(body)), { compatibility: s.subjectConfig.get(subject) })],
  ["DELETE", /^\/config\/([^/]+)$/, (s, [subject]) => {
    const old = s.subjectConfigOf(subject, false);
    s.subjectConfig.delete(subject);
    return { compatibilityLevel: old };
  }],
  ["GET", /^\/mode$/, (s) => ({ mode: s.mode })],
  ["PUT", /^\/mode$/, (s, p, q, body) => ({ mode: (s.mode = RegistryStore.modeArg(body)) })],
  ["GET", /^\/mode\/([^/]+)$/, (s, [subject], q) => ({ mode: s.subjectModeOf(subject, bool(q.get("defaultToGlobal"))) })],
  ["PUT", /^\/mode\/([^/]+)$/, (s, [subject], q, body) => {
    const mode = RegistryStore.modeArg(body);
    s.setSubjectMode(subject, mode, bool(q.get("force")));
    return { mode };
  }],
  ["DELETE", /^\/mode\/([^/]+)$/, (s, [subject]) => {
    const old = s.subjectModeOf(subject, false);
    s.subjectMode.delete(subject);
    return { mode: old };
  }],
];

function compatibility(store, subject, version, q, body) {
  const messages = store.checkCompatibility(subject, version, body);
  return { is_compatible: messages.length === 0, ...(bool(q.get("verbose")) ? { messages } : {}) };
}

/**
 * Starts a test registry. `auth`: { username, password } (basic) or { token } (bearer); `port` 0 picks a free
 * one. Resolves to { url, port, store, requests (count per "METHOD /path-pattern"), close() }.
 */
export async function startTestRegistry({ port = 0, host = "127.0.0.1", auth = null } = {}) {
  const store = new RegistryStore();
  const requests = { total: 0, byPath: new Map() };
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://registry");
      requests.total++;
      requests.byPath.set(`${req.method} ${url.pathname}`, (requests.byPath.get(`${req.method} ${url.pathname}`) ?? 0) + 1);
      if (!authorized(req, auth)) {
        res.setHeader("www-authenticate", auth?.token ? "Bearer" : 'Basic realm="SchemaRegistry"');
        return sendError(res, 401, 401, "Unauthorized");
      }
      const body = req.method === "POST" || req.method === "PUT" ? await readBody(req) : {};
      for (const [method, pattern, handler] of ROUTES) {
        const m = pattern.exec(url.pathname);
        if (!m) continue;
        if (method !== req.method) continue;
        const params = m.slice(1).map((x) => (x === undefined ? undefined : decodeURIComponent(x)));
        return send(res, 200, handler(store, params, url.searchParams, body));
      }
      sendError(res, 404, 404, "HTTP 404 Not Found");
    } catch (e) {
      if (e instanceof RegistryError) return sendError(res, e.status, e.errorCode, e.message);
      sendError(res, 500, 50001, `Error in the backend data store: ${e.message}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    store,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    /** Stops answering without closing (a dead registry for timeout tests): connections hang. */
    hang() {
      server.removeAllListeners("request");
      server.on("request", () => {});
    },
  };
}
