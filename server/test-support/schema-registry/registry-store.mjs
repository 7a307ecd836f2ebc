// The test Schema Registry's state and operations, with the errors Confluent's API reference documents
// (error_code and HTTP status). In memory; ids are global and shared by subjects that register one schema.
import { COMPATIBILITY_LEVELS, compatibilityProblems, parseSchema, SchemaProblem } from "./registry-formats.mjs";

export class RegistryError extends Error {
  constructor(status, errorCode, message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

const err = (status, code, message) => new RegistryError(status, code, message);
const subjectNotFound = (s) => err(404, 40401, `Subject '${s}' not found.`);
const versionNotFound = (v) => err(404, 40402, `Version ${v} not found.`);
export const MODES = ["READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT"];
const SCHEMA_TYPES = ["AVRO", "PROTOBUF", "JSON"];

export class RegistryStore {
  constructor() {
    /** id → { schemaType, schema (canonical), references } */
    this.schemas = new Map();
    /** subject → [{ version, id, deleted }] in version order */
    this.subjects = new Map();
    this.config = "BACKWARD";
    this.subjectConfig = new Map();
    this.mode = "READWRITE";
    this.subjectMode = new Map();
    this.nextId = 1;
  }

  /** "latest", -1 or 1..2^31-1 (42202 otherwise). */
  static versionArg(v) {
    if (v === "latest" || v === "-1") return "latest";
    if (!/^\d+$/.test(String(v)) || Number(v) < 1 || Number(v) > 2 ** 31 - 1) {
      throw err(422, 42202, `The specified version '${v}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
    }
    return Number(v);
  }

  listSubjects(deleted) {
    return [...this.subjects.entries()].filter(([, vs]) => vs.some((v) => deleted || !v.deleted)).map(([s]) => s).sort();
  }

  /** The subject's versions; 40401 when it has none (also when all are soft-deleted and `deleted` is false). */
  versionsOf(subject, deleted = false) {
    const vs = (this.subjects.get(subject) ?? []).filter((v) => deleted || !v.deleted);
    if (!vs.length) throw subjectNotFound(subject);
    return vs;
  }

  findVersion(subject, version, deleted = false) {
    const vs = this.versionsOf(subject, deleted);
    const v = RegistryStore.versionArg(version);
    const found = v === "latest" ? vs[vs.length - 1] : vs.find((x) => x.version === v);
    if (!found) throw versionNotFound(version);
    return found;
  }

  /** The subject-version answer of GET /subjects/{s}/versions/{v}. */
  versionView(subject, entry) {
    const s = this.schemas.get(entry.id);
    return { subject, version: entry.version, id: entry.id, ...(s.schemaType !== "AVRO" ? { schemaType: s.schemaType } : {}), ...(s.references.length ? { references: s.references } : {}), schema: s.schema };
  }

  schemaById(id) {
    const s = this.schemas.get(Number(id));
    if (!s || !this.isUsed(Number(id))) throw err(404, 40403, `Schema ${id} not found`);
    return { ...(s.schemaType !== "AVRO" ? { schemaType: s.schemaType } : {}), ...(s.references.length ? { references: s.references } : {}), schema: s.schema };
  }

  /** GET /schemas/ids/{id}/versions: the subject-versions that use a schema id. */
  versionsOfId(id, deleted) {
    this.schemaById(id);
    const out = [];
    for (const [subject, vs] of this.subjects) for (const v of vs) if (v.id === id && (deleted || !v.deleted)) out.push({ subject, version: v.version });
    return out;
  }

  isUsed(id) {
    for (const vs of this.subjects.values()) if (vs.some((v) => v.id === id)) return true;
    return false;
  }

  compatibilityOf(subject) {
    return this.subjectConfig.get(subject) ?? this.config;
  }

  modeOf(subject) {
    return this.subjectMode.get(subject) ?? this.mode;
  }

  assertWritable(subject) {
    const mode = this.modeOf(subject);
    if (mode === "READONLY" || mode === "READONLY_OVERRIDE") throw err(422, 42205, `Subject ${subject} is in read-only mode`);
  }

  /** Parses a request's schema with its references resolved; 42201 when it is not one. */
  parseRequest(body) {
    const schemaType = body.schemaType ?? "AVRO";
    if (!SCHEMA_TYPES.includes(schemaType)) throw err(422, 42201, `Invalid schema type ${schemaType}`);
    const references = Array.isArray(body.references) ? body.references : [];
    const resolved = [];
    const seen = new Set();
    const resolve = (refs) => {
      for (const r of refs) {
        const key = `${r.subject}:${r.version}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let entry;
        try {
          entry = this.findVersion(r.subject, String(r.version));
        } catch {
          throw err(422, 42201, `Invalid schema: reference ${r.name} (subject '${r.subject}', version ${r.version}) not found`);
        }
        const s = this.schemas.get(entry.id);
        resolve(s.references);
        resolved.push({ name: r.name, schemaType: s.schemaType, schema: s.schema });
      }
    };
    resolve(references);
    try {
      const parsed = parseSchema(schemaType, body.schema, resolved);
      return { ...parsed, references: references.map((r) => ({ name: r.name, subject: r.subject, version: Number(r.version) })) };
    } catch (e) {
      if (e instanceof SchemaProblem) throw err(422, 42201, e.message);
      throw e;
    }
  }

  /** Earlier versions (parsed, oldest first) that a candidate is checked against. */
  earlier(subject, upTo) {
    const vs = (this.subjects.get(subject) ?? []).filter((v) => !v.deleted && (upTo === undefined || v.version <= upTo));
    return vs.map((v) => ({ version: v.version, parsed: this.parseStored(v.id) }));
  }

  parseStored(id) {
    const s = this.schemas.get(id);
    return this.parseRequest({ schemaType: s.schemaType, schema: s.schema, references: s.references });
  }

  idFor(candidate) {
    const refs = JSON.stringify(candidate.references);
    for (const [id, s] of this.schemas) if (s.schemaType === candidate.type && s.schema === candidate.canonical && JSON.stringify(s.references) === refs) return id;
    return null;
  }

  register(subject, body) {
    this.assertWritable(subject);
    const candidate = this.parseRequest(body);
    const vs = this.subjects.get(subject) ?? [];
    const existingId = this.idFor(candidate);
    const live = vs.find((v) => !v.deleted && v.id === existingId);
    if (live) return { id: live.id };
    const level = this.compatibilityOf(subject);
    const problems = compatibilityProblems(level, candidate, this.earlier(subject));
    if (problems.length) {
      throw err(409, 40901, `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${problems.join(", ")}]`);
    }
    const id = existingId ?? this.nextId++;
    if (existingId === null) this.schemas.set(id, { schemaType: candidate.type, schema: candidate.canonical, references: candidate.references });
    const version = (vs.length ? vs[vs.length - 1].version : 0) + 1;
    vs.push({ version, id, deleted: false });
    this.subjects.set(subject, vs);
    return { id };
  }

  lookup(subject, body, deleted) {
    const vs = this.versionsOf(subject, deleted);
    const candidate = this.parseRequest(body);
    const id = this.idFor(candidate);
    const entry = vs.find((v) => v.id === id);
    if (!entry) throw err(404, 40403, "Schema not found");
    return this.versionView(subject, entry);
  }

  checkCompatibility(subject, version, body) {
    const candidate = this.parseRequest(body);
    if (version === undefined) return compatibilityProblems(this.compatibilityOf(subject), candidate, this.earlier(subject));
    const entry = this.findVersion(subject, version);
    const level = this.compatibilityOf(subject).replace("_TRANSITIVE", "");
    return compatibilityProblems(level, candidate, [{ version: entry.version, parsed: this.parseStored(entry.id) }]);
  }

  /** Versions of schemas that refer to this subject-version (ids of the referring schemas). */
  referencedBy(subject, version) {
    const entry = this.findVersion(subject, version, true);
    const ids = [];
    for (const [id, s] of this.schemas) {
      if (s.references.some((r) => r.subject === subject && r.version === entry.version) && this.isLive(id)) ids.push(id);
    }
    return ids;
  }

  isLive(id) {
    for (const vs of this.subjects.values()) if (vs.some((v) => v.id === id && !v.deleted)) return true;
    return false;
  }

  assertNotReferenced(subject, entries) {
    for (const e of entries) {
      if (this.referencedBy(subject, String(e.version)).length) {
        throw err(422, 42206, `One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=${subject},version=${e.version}}.`);
      }
    }
  }

  deleteSubject(subject, permanent) {
    const all = this.subjects.get(subject) ?? [];
    if (!all.length) throw subjectNotFound(subject);
    this.assertWritable(subject);
    const live = all.filter((v) => !v.deleted);
    if (!permanent) {
      if (!live.length) throw err(404, 40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`);
      this.assertNotReferenced(subject, live);
      for (const v of live) v.deleted = true;
      return live.map((v) => v.version);
    }
    if (live.length) throw err(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
    this.subjects.delete(subject);
    this.subjectConfig.delete(subject);
    this.subjectMode.delete(subject);
    return all.map((v) => v.version);
  }

  deleteVersion(subject, version, permanent) {
    const v = RegistryStore.versionArg(version);
    const all = this.subjects.get(subject) ?? [];
    if (!all.length) throw subjectNotFound(subject);
    this.assertWritable(subject);
    const pool = permanent ? all : all.filter((x) => !x.deleted);
    const entry = v === "latest" ? pool[pool.length - 1] : all.find((x) => x.version === v);
    if (!entry) throw versionNotFound(version);
    if (!permanent) {
      if (entry.deleted) throw err(404, 40406, `Subject '${subject}' Version ${entry.version} was soft deleted.Set permanent=true to delete permanently`);
      this.assertNotReferenced(subject, [entry]);
      entry.deleted = true;
      return entry.version;
    }
    if (!entry.deleted) throw err(404, 40407, `Subject '${subject}' Version ${entry.version} was not deleted first before being permanently deleted`);
    all.splice(all.indexOf(entry), 1);
    if (!all.length) this.subjects.delete(subject);
    return entry.version;
  }

  static level(body) {
    const level = String(body?.compatibility ?? "").toUpperCase();
    if (!COMPATIBILITY_LEVELS.includes(level)) throw err(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    return level;
  }

  static modeArg(body) {
    const mode = String(body?.mode ?? "").toUpperCase();
    if (!MODES.includes(mode)) throw err(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT.");
    return mode;
  }

  subjectConfigOf(subject, defaultToGlobal) {
    const level = this.subjectConfig.get(subject);
    if (level) return level;
    if (defaultToGlobal) return this.config;
    throw err(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
  }

  subjectModeOf(subject, defaultToGlobal) {
    const mode = this.subjectMode.get(subject);
    if (mode) return mode;
    if (defaultToGlobal) return this.mode;
    throw err(404, 40409, `Subject '${subject}' does not have subject-level mode configured`);
  }

  setSubjectMode(subject, mode, force) {
    if (mode === "IMPORT" && !force && (this.subjects.get(subject) ?? []).length) {
      throw err(422, 42205, `Cannot import since found existing subjects`);
    }
    this.subjectMode.set(subject, mode);
  }
}
