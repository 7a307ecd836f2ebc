// Types of protobuf-indexes.mjs (plain JavaScript so that worker threads can load it without a build step).
/** The index path of a message type, e.g. [0] for the first top-level message; null when it is not declared. */
export function messageIndexesOf(types: readonly string[], messageType: string): number[] | null;
/** The message type at an index path, or null when the path leads nowhere. */
export function messageTypeAt(types: readonly string[], indexes: readonly number[]): string | null;
