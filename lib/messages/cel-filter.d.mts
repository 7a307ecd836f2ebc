// Types of cel-filter.mjs (plain JavaScript so that worker threads can load it without a build step).
import type { Environment } from "@marcbachmann/cel-js";

export interface FilterableMessage {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
  partition: number;
  offset: number;
  timestamp: number;
}

export type EvaluationErrorKind = "missing" | "type" | "other";

export interface ParsedFilter {
  (context: Record<string, unknown>): unknown;
  ast: unknown;
}

export const FILTER_VARIABLES: string[];
export function re2Matches(text: string, pattern: string): boolean;
export function createFilterEnvironment(): Environment;
export function parseFilter(env: Environment, expression: string): ParsedFilter;
export function expressionErrorIn(env: Environment, expression: string): string | null;
export function valueForExpression(bytes: Uint8Array | null): unknown;
export function messageContext(m: FilterableMessage): Record<string, unknown>;
export function evaluationErrorKind(error: unknown): EvaluationErrorKind;
export function evaluationErrorText(error: unknown): string;
