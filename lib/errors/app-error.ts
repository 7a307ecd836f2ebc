// One error type for the whole app. `message` is for logs (never a secret); only `userMessage` reaches the browser.

export const ERROR_CODES = [
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "READ_ONLY",
  "NOT_FOUND",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  /** A user's expression or pattern went over its time or memory budget. */
  "TOO_COSTLY",
  "RATE_LIMITED",
  /** The server is at a bound it keeps (e.g. every filter worker busy with a full queue): try again shortly. */
  "BUSY",
  "KAFKA_UNREACHABLE",
  "KAFKA_AUTH_FAILED",
  "KAFKA_TLS_FAILED",
  "KAFKA_TIMEOUT",
  "KAFKA_ERROR",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string>;

  constructor(code: ErrorCode, opts: { message?: string; userMessage: string; fieldErrors?: Record<string, string>; cause?: unknown }) {
    super(opts.message ?? opts.userMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.fieldErrors = opts.fieldErrors;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** HTTP status for a route handler's error response. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case "VALIDATION":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
    case "READ_ONLY":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "PAYLOAD_TOO_LARGE":
      return 413;
    case "TOO_COSTLY":
      return 422;
    case "RATE_LIMITED":
      return 429;
    case "BUSY":
      return 503;
    case "KAFKA_UNREACHABLE":
    case "KAFKA_AUTH_FAILED":
    case "KAFKA_TLS_FAILED":
    case "KAFKA_ERROR":
      return 502;
    case "KAFKA_TIMEOUT":
      return 504;
    default:
      return 500;
  }
}
