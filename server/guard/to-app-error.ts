import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import { logger } from "@/server/log";

function looksLikeKafkaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return typeof name === "string" && (name.startsWith("KafkaJS") || name === "TopiaryTimeoutError");
}

/** Any thrown value as an AppError; unexpected ones are logged (message only) and hidden behind a generic text. */
export function toAppError(e: unknown, where: string, bootstrap?: string): AppError {
  if (isAppError(e)) return e;
  if (looksLikeKafkaError(e)) {
    const c = classifyKafkaError(e, bootstrap);
    logger.warn("kafka call failed", { where, code: c.code, error: e });
    return new AppError(c.code, { userMessage: c.userMessage, cause: e });
  }
  logger.error("unexpected error", { where, error: e });
  return new AppError("INTERNAL", { userMessage: "Something went wrong on the server. The details are in the server log.", cause: e });
}
