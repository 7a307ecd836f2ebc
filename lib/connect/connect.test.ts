import { describe, expect, it } from "vitest";
import { configToJson, fieldErrorsOf, formValuesToConfig, groupKeys, parseConfigJson, PLUGIN_GROUP, undeclaredKeys } from "./config-form";
import { connectorNameSchema, connectUrlSchema } from "./connect-schemas";
import type { ConnectorSummary } from "./connect-types";
import { filterConnectors, findPlugin, NO_FILTER, shortClassName } from "./filter-connectors";
import { looksSecret, maskConfig, SECRET_MASK, unmaskConfig } from "./mask-config";
import { connectErrorMessage, countTasks, parseExpandedList, parseOffsets, parseStatus, parseTopics, parseValidation, restartedOf } from "./parse-connect";

// Shapes recorded from Kafka Connect 4.1.1 (scripts/kafka/connect.mjs).
const status = {
  name: "orders-src",
  connector: { state: "RUNNING", worker_id: "127.0.0.1:18083", version: "4.1.1" },
  tasks: [
    { id: 1, state: "FAILED", worker_id: "127.0.0.1:18083", trace: "org.apache.kafka.connect.errors.ConnectException: boom\n\tat …" },
    { id: 0, state: "RUNNING", worker_id: "127.0.0.1:18083" },
  ],
  type: "source",
};

describe("Connect answers", () => {
  it("a status: connector state, tasks in order with their traces", () => {
    const s = parseStatus(status);
    expect(s).toMatchObject({ name: "orders-src", type: "source", state: "RUNNING", workerId: "127.0.0.1:18083", trace: null });
    expect(s.tasks.map((t) => [t.id, t.state])).toEqual([
      [0, "RUNNING"],
      [1, "FAILED"],
    ]);
    expect(s.tasks[1].trace).toMatch(/boom/);
    expect(countTasks(s.tasks)).toEqual({ total: 2, running: 1, failed: 1, paused: 0, other: 0 });
  });

  it("a FAILED connector keeps its own trace", () => {
    const s = parseStatus({ name: "x", connector: { state: "FAILED", worker_id: "w", trace: "java.lang.RuntimeException: start failed" }, tasks: [], type: "sink" });
    expect(s).toMatchObject({ state: "FAILED", trace: "java.lang.RuntimeException: start failed", tasks: [] });
  });

  it("the expanded list: status and info per connector, sorted; a broken entry is kept without them", () => {
    const rows = parseExpandedList({
      b: { status, info: { name: "b", config: { "connector.class": "FileStreamSource", "tasks.max": 2 }, tasks: [], type: "source" } },
      a: { status: { nonsense: true } },
    });
    expect(rows.map((r) => r.name)).toEqual(["a", "b"]);
    expect(rows[0]).toMatchObject({ status: null, info: null });
    expect(rows[1].info?.config).toEqual({ "connector.class": "FileStreamSource", "tasks.max": "2" });
  });

  it("topics, offsets and a KIP-745 restart answer", () => {
    expect(parseTopics({ x: { topics: ["b", "a"] } }, "x")).toEqual(["a", "b"]);
    expect(parseOffsets({ offsets: [{ partition: { filename: "/tmp/in" }, offset: { position: 6 } }] })).toEqual([{ partition: { filename: "/tmp/in" }, offset: { position: 6 } }]);
    expect(
      restartedOf({
        name: "x",
        connector: { state: "RUNNING", worker_id: "w" },
        tasks: [
          { id: 0, state: "RUNNING", worker_id: "w" },
          { id: 1, state: "RESTARTING", worker_id: "w" },
        ],
      }),
    ).toEqual({ connector: false, tasks: [1], state: "RUNNING" });
  });

  it("error bodies lose the Java exception class in front", () => {
    expect(connectErrorMessage({ error_code: 404, message: "Connector nope not found" }, 404)).toBe("Connector nope not found");
    expect(connectErrorMessage({ error_code: 500, message: "org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {} contains no connector type" }, 500)).toBe(
      "Connector config {} contains no connector type",
    );
    expect(connectErrorMessage("<html>", 502)).toBe("HTTP 502");
  });
});

const validation = parseValidation({
  name: "FileStreamSource",
  error_count: 2,
  groups: ["Common", "Transforms", "Error Handling"],
  configs: [
    { definition: { name: "errors.tolerance", type: "STRING", group: "Error Handling", order: 3, default_value: "none" }, value: { name: "errors.tolerance", value: "none", errors: [] } },
    { definition: { name: "topic", type: "STRING", required: true, group: null, order: -1 }, value: { name: "topic", value: null, errors: ['Missing required configuration "topic" which has no default value.'] } },
    { definition: { name: "file", type: "STRING", group: null, order: -1 }, value: { name: "file", value: null, errors: [] } },
    { definition: { name: "tasks.max", type: "INT", group: "Common", order: 4, default_value: "1" }, value: { name: "tasks.max", value: "-3", errors: ["Invalid value -3 for configuration tasks.max: Value must be at least 1"] } },
    { definition: { name: "name", type: "STRING", required: true, group: "Common", order: 1 }, value: { name: "name", value: "x", errors: [] } },
  ],
});

describe("the connector form", () => {
  it("groups keys in Connect's order with the plugin's own keys right after Common", () => {
    const groups = groupKeys(validation);
    expect(groups.map((g) => g.name)).toEqual(["Common", PLUGIN_GROUP, "Error Handling"]);
    expect(groups[0].keys.map((k) => k.definition.name)).toEqual(["name", "tasks.max"]);
    expect(groups[1].keys.map((k) => k.definition.name)).toEqual(["file", "topic"]);
    expect(groups[1].keys[1].definition.required).toBe(true);
    expect(validation.errorCount).toBe(2);
  });

  it("each key's errors, for showing under its field", () => {
    expect(fieldErrorsOf(validation)).toEqual({
      topic: ['Missing required configuration "topic" which has no default value.'],
      "tasks.max": ["Invalid value -3 for configuration tasks.max: Value must be at least 1"],
    });
    expect(undeclaredKeys({ name: "x", "value.converter.schemas.enable": "false" }, validation)).toEqual(["value.converter.schemas.enable"]);
  });

  it("form -> JSON -> form keeps every value; empty fields are unset keys", () => {
    const values = { "tasks.max": "2", name: "x", "connector.class": "FileStreamSource", file: "", topic: "t" };
    const config = formValuesToConfig(values);
    expect(config).toEqual({ "tasks.max": "2", name: "x", "connector.class": "FileStreamSource", topic: "t" });
    const json = configToJson(config);
    expect(json.indexOf('"name"')).toBeLessThan(json.indexOf('"connector.class"'));
    expect(json.indexOf('"connector.class"')).toBeLessThan(json.indexOf('"tasks.max"'));
    expect(parseConfigJson(json)).toEqual({ ok: true, config });
  });

  it("JSON that is not a flat object of strings says what is wrong", () => {
    expect(parseConfigJson('{"tasks.max": 2, "x": true}')).toEqual({ ok: true, config: { "tasks.max": "2", x: "true" } });
    expect(parseConfigJson("[1]")).toMatchObject({ ok: false, error: expect.stringMatching(/JSON object/) });
    expect(parseConfigJson('{"a": {"b": 1}}')).toMatchObject({ ok: false, error: expect.stringMatching(/"a".*an object/) });
    expect(parseConfigJson('{"a": null}')).toMatchObject({ ok: false, error: expect.stringMatching(/null/) });
    expect(parseConfigJson("{")).toMatchObject({ ok: false, error: expect.stringMatching(/Not valid JSON/) });
  });
});

describe("secrets in connector configs", () => {
  it("masks PASSWORD keys of the plugin and keys that look secret, not paths or provider references", () => {
    const { config, maskedKeys } = maskConfig(
      {
        "connection.url": "jdbc:postgresql://db/x",
        "connection.user": "app",
        "db.pass": "hunter2",
        "connection.password": "hunter2",
        "sasl.jaas.config": 'PlainLoginModule required username="u" password="p";',
        "ssl.keystore.location": "/etc/ks.jks",
        "ssl.keystore.password": "changeit",
        "aws.secret.access.key": "AKIA…",
        "api.key": "k",
        "oauth.token.endpoint.url": "https://idp/token",
        "other.password": "${file:/etc/secrets.properties:db.password}",
        "empty.password": "",
      },
      ["db.pass"],
    );
    expect(maskedKeys.sort()).toEqual(["api.key", "aws.secret.access.key", "connection.password", "db.pass", "sasl.jaas.config", "ssl.keystore.password"]);
    expect(config["connection.password"]).toBe(SECRET_MASK);
    expect(config["ssl.keystore.location"]).toBe("/etc/ks.jks");
    expect(config["other.password"]).toMatch(/^\$\{file:/);
    expect(config["connection.user"]).toBe("app");
    expect(looksSecret("oauth.token.endpoint.url")).toBe(false);
  });

  it("an edited config gets the stored secret back where the mask was left", () => {
    const stored = { "connection.password": "hunter2", "api.key": "k1", topic: "t" };
    const edited = { "connection.password": SECRET_MASK, "api.key": "k2", topic: "t2", "new.key": SECRET_MASK };
    expect(unmaskConfig(edited, stored, ["connection.password", "api.key"])).toEqual({ "connection.password": "hunter2", "api.key": "k2", topic: "t2", "new.key": SECRET_MASK });
  });
});

describe("the connectors list", () => {
  const row = (over: Partial<ConnectorSummary>): ConnectorSummary => ({
    connectId: "c1",
    connectName: "local",
    name: "n",
    type: "source",
    className: "org.apache.kafka.connect.file.FileStreamSourceConnector",
    state: "RUNNING",
    workerId: "w",
    tasks: { total: 1, running: 1, failed: 0, paused: 0, other: 0 },
    topics: ["orders"],
    ...over,
  });
  const rows = [
    row({ name: "orders-in" }),
    row({ name: "orders-out", type: "sink", className: "org.apache.kafka.connect.file.FileStreamSinkConnector", tasks: { total: 2, running: 1, failed: 1, paused: 0, other: 0 } }),
    row({ name: "mm2", connectId: "c2", className: "org.apache.kafka.connect.mirror.MirrorSourceConnector", state: "PAUSED", topics: ["payments"] }),
    row({ name: "broken", state: "FAILED", topics: null }),
  ];
  const names = (f: Partial<typeof NO_FILTER>) => filterConnectors(rows, { ...NO_FILTER, ...f }).map((r) => r.name);

  it("searches names, classes and topics; filters by state, problems, type and Connect cluster", () => {
    expect(names({ q: "ORDERS" })).toEqual(["orders-in", "orders-out"]);
    expect(names({ q: "mirror" })).toEqual(["mm2"]);
    expect(names({ q: "payments" })).toEqual(["mm2"]);
    expect(names({ state: "PAUSED" })).toEqual(["mm2"]);
    expect(names({ state: "problems" })).toEqual(["orders-out", "broken"]);
    expect(names({ type: "sink" })).toEqual(["orders-out"]);
    expect(names({ connectId: "c2" })).toEqual(["mm2"]);
    expect(shortClassName("org.apache.kafka.connect.mirror.MirrorSourceConnector")).toBe("MirrorSourceConnector");
  });
});

describe("inputs", () => {
  it("Connect URLs: http(s) only, credentials in their own fields, no trailing slash", () => {
    expect(connectUrlSchema.parse(" http://connect:8083/ ")).toBe("http://connect:8083");
    expect(connectUrlSchema.parse("https://example.com/connect/")).toBe("https://example.com/connect");
    expect(connectUrlSchema.safeParse("ftp://x").success).toBe(false);
    expect(connectUrlSchema.safeParse("http://u:p@x:8083").success).toBe(false);
    expect(connectUrlSchema.safeParse("http://x:8083/?a=1").success).toBe(false);
    expect(connectUrlSchema.safeParse("connect:8083").success).toBe(false);
  });

  it("connector names that a REST path can carry", () => {
    expect(connectorNameSchema.safeParse("orders-jdbc.source v2").success).toBe(true);
    for (const bad of ["", " lead", "a/b", "a\\b", "tab\there"]) expect(connectorNameSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe("plugins named in connector.class", () => {
  const plugins = [
    { className: "org.apache.kafka.connect.file.FileStreamSourceConnector" },
    { className: "org.apache.kafka.connect.file.FileStreamSinkConnector" },
    { className: "com.example.a.DupConnector" },
    { className: "com.example.b.DupConnector" },
  ];
  it("full name, simple name, or simple name without Connector; ambiguous or missing is none", () => {
    expect(findPlugin(plugins, "org.apache.kafka.connect.file.FileStreamSinkConnector")?.className).toMatch(/Sink/);
    expect(findPlugin(plugins, "FileStreamSourceConnector")?.className).toMatch(/Source/);
    expect(findPlugin(plugins, "FileStreamSource")?.className).toMatch(/Source/);
    expect(findPlugin(plugins, "Dup")).toBeNull();
    expect(findPlugin(plugins, "com.example.b.DupConnector")?.className).toBe("com.example.b.DupConnector");
    expect(findPlugin(plugins, "JdbcSource")).toBeNull();
    expect(findPlugin(plugins, "")).toBeNull();
  });
});
