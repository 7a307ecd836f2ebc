import type { CompatibilityLevel, RegistryAuthKind, RegistryMode, RegistrySchemaType, SchemaReference } from "./registry-schemas";

// What the Schema Registry pages show. Secrets never appear here: a view says whether one is stored.

export interface RegistrySettingsView {
  clusterId: string;
  url: string;
  authKind: RegistryAuthKind;
  username: string | null;
  /** A password or token is stored (sealed); the form offers to replace it. */
  hasSecret: boolean;
}

/** The registry page's head: the settings, and whether the registry answered (its global level and mode). */
export interface RegistryStatus {
  settings: RegistrySettingsView | null;
  compatibility?: CompatibilityLevel;
  mode?: RegistryMode;
  /** Why the registry did not answer. */
  error?: string;
}

export interface SubjectRow {
  subject: string;
  /** Every version soft-deleted: shown only when deleted subjects are asked for. */
  deleted: boolean;
  latestVersion: number | null;
  schemaId: number | null;
  schemaType: RegistrySchemaType | null;
  /** The subject's own level, or the global one (`compatibilityIsGlobal`). */
  compatibility: CompatibilityLevel | null;
  compatibilityIsGlobal: boolean;
  /** Why this row's details could not be read. */
  error?: string;
}

export interface SubjectPage {
  rows: SubjectRow[];
  /** Subjects matching the search, before paging. */
  total: number;
}

export interface SchemaVersionView {
  subject: string;
  version: number;
  id: number;
  schemaType: RegistrySchemaType;
  schema: string;
  references: SchemaReference[];
  deleted: boolean;
}

export interface SubjectDetail {
  subject: string;
  /** Every version, soft-deleted ones included (marked in `deletedVersions`). */
  versions: number[];
  deletedVersions: number[];
  compatibility: CompatibilityLevel;
  compatibilityIsGlobal: boolean;
  /** null when the registry does not serve modes. */
  mode: RegistryMode | null;
  modeIsGlobal: boolean;
  /** The newest version (a soft-deleted one when every version is). */
  latest: SchemaVersionView | null;
  /** Ids of schemas that refer to the newest version. */
  referencedBy: number[];
}

export interface CompatibilityVerdict {
  compatible: boolean;
  /** The registry's own messages (verbose), as it wrote them. */
  messages: string[];
  level: CompatibilityLevel;
  against: number | "latest";
}
