import { AppError } from "../errors/app-error";
import { X } from "./asyncapi-export";
import { buildTopology } from "./asyncapi-build";
import { CONNECTORS_X, withConnectorsFrom } from "./asyncapi-connectors";
import { SUBJECT_NAMING_X, subjectNamingFromExtension } from "../contracts/subject-naming";
import { isObj } from "./asyncapi-json";
import { readV2 } from "./asyncapi-read-v2";
import { readV3 } from "./asyncapi-read-v3";
import { AsyncApiReader } from "./asyncapi-reader";
import type { Topology } from "./design-schema";

// An AsyncAPI document (3.1.x, 3.0.x or 2.6.x; validated by @asyncapi/parser, references to other files already
// resolved) as a design topology. Topics come from channels, their contracts from message payloads, applications
// from operations. Topiary's own exports carry `x-topiary-*` extensions, which win so that a round trip is
// exact; other documents are mapped from their Kafka bindings. Positions are not computed here: the caller lays
// the nodes out. The document is read as written, references followed as they are met (asyncapi-json.ts).

export const SUPPORTED_ASYNCAPI_VERSIONS = "3.1.x, 3.0.x and 2.6.x";

export function isSupportedAsyncApiVersion(version: unknown): version is string {
  return typeof version === "string" && /^(3\.[01]|2\.6)\.\d+$/.test(version);
}

export interface AsyncApiImport {
  topology: Topology;
  warnings: string[];
}

export function asyncApiToTopology(doc: unknown): AsyncApiImport {
  if (!isObj(doc) || !isSupportedAsyncApiVersion(doc.asyncapi)) {
    const version = isObj(doc) && typeof doc.asyncapi === "string" ? `version ${doc.asyncapi}` : "a document without a version";
    throw new AppError("VALIDATION", { userMessage: `Topiary reads AsyncAPI ${SUPPORTED_ASYNCAPI_VERSIONS}, not ${version}` });
  }
  const reader = new AsyncApiReader(doc);
  reader.checkServers(doc.servers);
  if (doc.asyncapi.startsWith("3.")) readV3(reader, doc);
  else readV2(reader, doc);
  reader.settleContracts();
  const topology = withConnectorsFrom(buildTopology(reader, doc[X.applications]), doc[CONNECTORS_X], reader.warnings);
  const subjectNaming = subjectNamingFromExtension(doc[SUBJECT_NAMING_X], reader.warnings);
  return { topology: subjectNaming ? { ...topology, subjectNaming } : topology, warnings: reader.warnings };
}
