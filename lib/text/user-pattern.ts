import { RE2JS } from "re2js";

// Regular expressions that users type (topic and group list searches, import filters) run on RE2's linear-time
// engine (re2js): no pattern can make a match take exponential time, as JavaScript's backtracking RegExp can
// (`^(.*){13}#$`). RE2 syntax is also what Kafka users know from other tools' filters. Pure.

export const USER_PATTERN_MAX_LENGTH = 200;

export interface UserPattern {
  /** True when the pattern matches any part of the text. */
  test(text: string): boolean;
}

/** Compiles a user's pattern, or throws an Error whose message says what is wrong with it. */
export function compileUserPattern(pattern: string, opts: { ignoreCase?: boolean } = {}): UserPattern {
  if (pattern.length > USER_PATTERN_MAX_LENGTH) throw new Error(`A pattern has at most ${USER_PATTERN_MAX_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, opts.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^error parsing regexp: /, ""));
  }
  return { test: (text) => re.matcher(text).find() };
}

/** Why the pattern cannot be used, or null. */
export function userPatternError(pattern: string): string | null {
  try {
    compileUserPattern(pattern);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
