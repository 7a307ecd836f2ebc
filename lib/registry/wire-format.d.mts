// Types of wire-format.mjs (plain JavaScript so that worker threads can load it without a build step).
export const MAGIC_BYTE: 0;
export const HEADER_BYTES: 5;

export interface Framed {
  schemaId: number;
  /** Everything after the 5-byte header (for Protobuf, message indexes included). */
  payload: Uint8Array;
}

/** The schema id and payload of framed bytes, or null when the bytes are not framed (no magic byte, too short). */
export function unframe(bytes: Uint8Array): Framed | null;
export function frame(schemaId: number, payload: Uint8Array, messageIndexes?: readonly number[]): Uint8Array;
export function encodeMessageIndexes(indexes: readonly number[]): Uint8Array;
/** Reads the message indexes at the start of a Protobuf payload: the path and where the message starts, or null. */
export function decodeMessageIndexes(payload: Uint8Array, maxDepth?: number): { indexes: number[]; offset: number } | null;
