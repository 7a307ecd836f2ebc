// The Schema Registry pages' server side against the test registry (server/test-support/schema-registry/, the
// Confluent endpoints Topiary calls, as documented): settings sealed, reads, registration, compatibility with the
// registry's messages, soft then hard deletes, levels and modes, errors with the registry's error_code, auth,
// the network policy and a dead registry's timeout. Subjects are registered with the client library.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as statusRoute } from "@/app/api/clusters/[id]/registry/route";
import { GET as subjectsRoute } from "@/app/api/clusters/[id]/registry/subjects/route";
import { GET as subjectRoute } from "@/app/api/clusters/[id]/registry/subjects/[subject]/route";
import { GET as versionRoute } from "@/app/api/clusters/[id]/registry/subjects/[subject]/versions/[version]/route";
import type { CompatibilityVerdict, RegistryStatus, SchemaVersionView, SubjectDetail, SubjectPage } from "@/lib/registry/registry-types";
import {
  checkCompatibilityAction,
  deleteSubjectAction,
  deleteVersionAction,
  registerSchemaAction,
  removeRegistrySettingsAction,
  saveRegistrySettingsAction,
  setCompatibilityAction,
  setModeAction,
  testRegistrySettingsAction,
} from "@/server/actions/registry-actions";
import { isSealed } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { ALLOW_PRIVATE_ADDRESSES_KEY, setAllowPrivateAddresses } from "@/server/settings/network-policy";
import { makeCluster, unique } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { clusterWithRegistry, libraryClient, SchemaType, startRegistry, type TestRegistry } from "./test-support";

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());
afterEach(async () => {
  await prisma.setting.deleteMany({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
});

const order = (fields: object[] = []) => JSON.stringify({ type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "total", type: "int" }, ...fields] });

async function route<T>(handler: Parameters<typeof callRoute>[0], url: string, params: Record<string, string>) {
  const r = await callRoute<T>(handler, url, params);
  return r;
}

describe("registry settings", () => {
  it("saves the URL with basic or bearer auth, seals the secret, never returns it, keeps it when left blank, and removes after the URL is typed", async () => {
    const cluster = await makeCluster();
    const saved = await saveRegistrySettingsAction({ clusterId: cluster.id, url: `${registry.url}/`, authKind: "basic", username: "ops", secret: "s3cret" });
    expect(saved).toMatchObject({ ok: true, data: { url: registry.url, authKind: "basic", username: "ops", hasSecret: true } });
    expect(JSON.stringify(saved)).not.toContain("s3cret");
    const row = await prisma.schemaRegistry.findUniqueOrThrow({ where: { clusterId: cluster.id } });
    expect(isSealed(row.secret!)).toBe(true);
    // Blank keeps the stored password; another kind of auth needs its own secret.
    expect(await saveRegistrySettingsAction({ clusterId: cluster.id, url: registry.url, authKind: "basic", username: "ops2" })).toMatchObject({ ok: true, data: { username: "ops2", hasSecret: true } });
    expect((await prisma.schemaRegistry.findUniqueOrThrow({ where: { clusterId: cluster.id } })).secret).toBe(row.secret);
    expect(await saveRegistrySettingsAction({ clusterId: cluster.id, url: registry.url, authKind: "bearer" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { secret: expect.any(String) } } });
    const status = await route<RegistryStatus>(statusRoute, `/api/clusters/${cluster.id}/registry`, { id: cluster.id });
    expect(status.body.settings).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(status.body)).not.toContain("s3cret");
    expect(await removeRegistrySettingsAction({ clusterId: cluster.id, confirmUrl: "http://other" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await removeRegistrySettingsAction({ clusterId: cluster.id, confirmUrl: registry.url })).toMatchObject({ ok: true });
    expect(await prisma.schemaRegistry.findUnique({ where: { clusterId: cluster.id } })).toBeNull();
    expect(await prisma.auditRecord.count({ where: { clusterId: cluster.id, action: { startsWith: "registry.settings" }, outcome: "succeeded" } })).toBe(3);
  });

  it("refuses a URL the network policy forbids, when saved and at every call", async () => {
    const cluster = await clusterWithRegistry(registry);
    await setAllowPrivateAddresses(false);
    expect(await saveRegistrySettingsAction({ clusterId: cluster.id, url: registry.url, authKind: "none" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { url: expect.any(String) } } });
    const r = await route<{ error: { code: string; message: string } }>(subjectsRoute, `/api/clusters/${cluster.id}/registry/subjects`, { id: cluster.id });
    expect(r.status).toBe(502);
    expect(r.body.error).toMatchObject({ code: "KAFKA_UNREACHABLE", message: expect.stringContaining("network policy") });
  });

  it("a registry that does not answer gives an error within seconds", async () => {
    const dead = await startRegistry();
    dead.hang();
    const cluster = await clusterWithRegistry(dead);
    process.env.TOPIARY_REGISTRY_TIMEOUT_MS = "1000";
    try {
      const t0 = Date.now();
      const r = await route<{ error: { code: string } }>(subjectsRoute, `/api/clusters/${cluster.id}/registry/subjects`, { id: cluster.id });
      expect(r.body.error.code).toBe("KAFKA_TIMEOUT");
      expect(Date.now() - t0).toBeLessThan(3000);
      const status = await route<RegistryStatus>(statusRoute, `/api/clusters/${cluster.id}/registry`, { id: cluster.id });
      expect(status.body.error).toMatch(/no answer/);
    } finally {
      delete process.env.TOPIARY_REGISTRY_TIMEOUT_MS;
      await dead.close().catch(() => {});
    }
  });
});

describe("registry auth", () => {
  for (const auth of [{ username: "ops", password: "pw" }, { token: "t0ken" }]) {
    it(`${auth.token ? "bearer" : "basic"} credentials reach the registry; wrong ones are refused with its answer`, async () => {
      const secured = await startRegistry(auth);
      try {
        const good = await clusterWithRegistry(secured, auth);
        const ok = await route<SubjectPage>(subjectsRoute, `/api/clusters/${good.id}/registry/subjects`, { id: good.id });
        expect(ok.status).toBe(200);
        const bad = await clusterWithRegistry(secured, auth.token ? { token: "wrong" } : { username: "ops", password: "wrong" });
        const refused = await route<{ error: { code: string; message: string } }>(subjectsRoute, `/api/clusters/${bad.id}/registry/subjects`, { id: bad.id });
        expect(refused.body.error).toMatchObject({ code: "KAFKA_AUTH_FAILED", message: expect.stringContaining("refused the credentials") });
        const tested = await testRegistrySettingsAction({ clusterId: good.id, url: secured.url, authKind: auth.token ? "bearer" : "basic", username: auth.username ?? null, secret: "" });
        expect(tested).toMatchObject({ ok: true, data: { compatibility: "BACKWARD" } });
      } finally {
        await secured.close();
      }
    });
  }
});

describe("subjects, versions, compatibility and deletes", () => {
  it("lists and describes subjects the library registered, diffs versions, checks and registers, deletes soft then hard", async () => {
    const cluster = await clusterWithRegistry(registry);
    const subject = unique("orders-value");
    const lib = libraryClient(registry);
    await lib.register({ type: SchemaType.AVRO, schema: order() }, { subject });
    await lib.register({ type: SchemaType.AVRO, schema: order([{ name: "note", type: "string", default: "" }]) }, { subject });
    await lib.register({ type: SchemaType.PROTOBUF, schema: 'syntax = "proto3"; package shop; message Ping { string id = 1; }' }, { subject: `${subject}-proto` });

    const page = await route<SubjectPage>(subjectsRoute, `/api/clusters/${cluster.id}/registry/subjects?search=${subject}`, { id: cluster.id });
    expect(page.body.total).toBe(2);
    expect(page.body.rows[0]).toMatchObject({ subject, latestVersion: 2, schemaType: "AVRO", compatibility: "BACKWARD", compatibilityIsGlobal: false });
    expect(page.body.rows[1]).toMatchObject({ subject: `${subject}-proto`, latestVersion: 1, schemaType: "PROTOBUF" });

    const detail = await route<SubjectDetail>(subjectRoute, `/x`, { id: cluster.id, subject: encodeURIComponent(subject) });
    expect(detail.body).toMatchObject({ subject, versions: [1, 2], deletedVersions: [], compatibility: "BACKWARD", mode: "READWRITE", modeIsGlobal: true, latest: { version: 2, schemaType: "AVRO" } });
    const v1 = await route<SchemaVersionView>(versionRoute, `/x`, { id: cluster.id, subject, version: "1" });
    expect(JSON.parse(v1.body.schema).fields).toHaveLength(2);

    // A field without a default breaks BACKWARD: the registry says which field, and registering is refused with 40901.
    const breaking = { clusterId: cluster.id, subject, schemaType: "AVRO" as const, schema: order([{ name: "qty", type: "int" }]) };
    const verdict = await checkCompatibilityAction(breaking);
    expect(verdict.ok && (verdict.data as CompatibilityVerdict)).toMatchObject({ compatible: false, level: "BACKWARD", messages: expect.arrayContaining([expect.stringContaining("'qty'")]) });
    const refused = await registerSchemaAction(breaking);
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("error 40901") } });
    expect((await checkCompatibilityAction({ ...breaking, schema: "{ not avro" })) as unknown).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("error 42201") } });

    const added = await registerSchemaAction({ ...breaking, schema: order([{ name: "qty", type: "int", default: 1 }]) });
    expect(added).toMatchObject({ ok: true, data: { version: 3 } });
    // NONE lets anything through; subject-level settings can be removed again.
    expect(await setCompatibilityAction({ clusterId: cluster.id, subject, level: "NONE" })).toMatchObject({ ok: true });
    expect(await registerSchemaAction(breaking)).toMatchObject({ ok: true, data: { version: 4 } });
    expect(await setCompatibilityAction({ clusterId: cluster.id, subject, level: null })).toMatchObject({ ok: true });
    expect((await route<SubjectDetail>(subjectRoute, `/x`, { id: cluster.id, subject })).body).toMatchObject({ compatibility: "BACKWARD", compatibilityIsGlobal: true });

    // A read-only subject refuses registration with the registry's 42205.
    expect(await setModeAction({ clusterId: cluster.id, subject, mode: "READONLY" })).toMatchObject({ ok: true });
    expect(await registerSchemaAction({ ...breaking, schema: order([{ name: "x", type: "int", default: 0 }]) })).toMatchObject({ ok: false, error: { message: expect.stringContaining("42205") } });
    expect(await setModeAction({ clusterId: cluster.id, subject, mode: null })).toMatchObject({ ok: true });

    // Deletes: a typed name, soft first (40405 otherwise), then permanent; a version likewise.
    const del = { clusterId: cluster.id, subject, confirmName: subject };
    expect(await deleteVersionAction({ ...del, version: 4, permanent: true })).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("40407") } });
    expect(await deleteVersionAction({ ...del, version: 4, permanent: false })).toMatchObject({ ok: true, data: { version: 4 } });
    expect((await route<SubjectDetail>(subjectRoute, `/x`, { id: cluster.id, subject })).body).toMatchObject({ versions: [1, 2, 3, 4], deletedVersions: [4] });
    expect(await deleteVersionAction({ ...del, version: 4, permanent: true })).toMatchObject({ ok: true });
    expect(await deleteSubjectAction({ ...del, confirmName: "nope", permanent: false })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await deleteSubjectAction({ ...del, permanent: true })).toMatchObject({ ok: false, error: { message: expect.stringContaining("40405") } });
    expect(await deleteSubjectAction({ ...del, permanent: false })).toMatchObject({ ok: true, data: { versions: [1, 2, 3] } });
    const withDeleted = await route<SubjectPage>(subjectsRoute, `/api?search=${subject}&deleted=true`, { id: cluster.id });
    expect(withDeleted.body.rows.find((r) => r.subject === subject)).toMatchObject({ deleted: true, latestVersion: 3 });
    expect(await deleteSubjectAction({ ...del, permanent: false })).toMatchObject({ ok: false, error: { message: expect.stringContaining("40404") } });
    expect(await deleteSubjectAction({ ...del, permanent: true })).toMatchObject({ ok: true });
    const gone = await route<{ error: { code: string; message: string } }>(subjectRoute, `/x`, { id: cluster.id, subject });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(/error 40401/);
    expect(await prisma.auditRecord.count({ where: { clusterId: cluster.id, action: { startsWith: "registry." }, target: { startsWith: subject } } })).toBeGreaterThanOrEqual(10);
  });

  it("a cluster without a registry says so", async () => {
    const cluster = await makeCluster();
    const r = await route<{ error: { code: string; message: string } }>(subjectsRoute, `/x`, { id: cluster.id });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/no Schema Registry/);
    expect((await route<RegistryStatus>(statusRoute, `/x`, { id: cluster.id })).body).toEqual({ settings: null });
  });
});
