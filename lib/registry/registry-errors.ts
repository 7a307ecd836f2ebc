// What a Schema Registry's error codes mean for the person who met them (Confluent's API reference lists the
// codes; the registry's own message is always shown too).

const HINTS: Record<number, string> = {
  40401: "The subject does not exist (or every version of it is deleted)",
  40402: "That version does not exist under the subject",
  40403: "No schema has that id (it may have been deleted permanently)",
  40404: "It is already soft-deleted: delete it permanently to remove it",
  40405: "Delete it (soft delete) first; a permanent delete comes after",
  40406: "That version is already soft-deleted: delete it permanently to remove it",
  40407: "Delete that version (soft delete) first; a permanent delete comes after",
  40901: "The schema breaks the subject's compatibility level: check compatibility to see why",
  42201: "The registry could not parse the schema (or its type or references)",
  42202: "Not a valid version",
  42203: "Not a valid compatibility level",
  42204: "Not a valid mode",
  42205: "The registry (or subject) is in a read-only mode, or the operation is not allowed in its mode",
  42206: "Other schemas refer to it: delete those first",
};

export function registryErrorHint(status: number, errorCode: number | null): string | null {
  if (errorCode !== null && HINTS[errorCode]) return HINTS[errorCode];
  if (status === 409) return HINTS[40901];
  if (status === 401) return "The registry refused the credentials: check the user name and password, or the token";
  if (status === 403) return "The registry's credentials do not allow this";
  return null;
}
