import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";

// SCRAM users of a cluster: the principals that have SCRAM credentials (Kafka keeps a salted hash per mechanism,
// never the password). Topiary creates, re-keys and deletes them through the Admin API and never stores or logs
// a password: a generated one is shown once, in the answer to the request that set it.

export const SCRAM_MECHANISMS = ["SCRAM-SHA-512", "SCRAM-SHA-256"] as const;
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number];
/** Kafka's ScramMechanism codes (DescribeUserScramCredentials / AlterUserScramCredentials). */
export const SCRAM_MECHANISM_CODES: Record<ScramMechanism, number> = { "SCRAM-SHA-256": 1, "SCRAM-SHA-512": 2 };

/** Kafka's bounds on SCRAM iterations (ScramMechanism.minIterations, and the broker's upper limit). */
export const MIN_ITERATIONS = 4096;
export const MAX_ITERATIONS = 16384;
export const DEFAULT_ITERATIONS = 8192;
export const MIN_PASSWORD_LENGTH = 12;

export interface ScramCredential {
  mechanism: ScramMechanism | `unknown (${number})`;
  iterations: number;
}

export interface ScramUserView {
  name: string;
  /** `User:name`, as ACL bindings name it. */
  principal: string;
  credentials: ScramCredential[];
}

export interface ScramUsersView {
  users: ScramUserView[];
}

/** What a user name may be when Topiary creates one: plain enough for SASL, a principal and a URL. */
export const scramUserNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a user name")
  .max(200, "A user name has at most 200 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, "Use letters, digits, '.', '_', '-' or '@', starting with a letter or digit");

/** An existing user, as Kafka named it (possibly made elsewhere, so only bounded). */
export const existingUserNameSchema = z.string().min(1, "Enter a user name").max(512);

const passwordFields = {
  /** True: the server makes a random password and answers it once. */
  generatePassword: z.boolean().default(true),
  password: z.string().max(256, "A password has at most 256 characters").optional(),
  mechanism: z.enum(SCRAM_MECHANISMS).default("SCRAM-SHA-512"),
  iterations: z.coerce
    .number()
    .int("Iterations are a whole number")
    .min(MIN_ITERATIONS, `Kafka needs at least ${MIN_ITERATIONS} iterations`)
    .max(MAX_ITERATIONS, `Kafka takes at most ${MAX_ITERATIONS} iterations`)
    .default(DEFAULT_ITERATIONS),
};

function typedPasswordCheck(v: { generatePassword: boolean; password?: string }, ctx: z.RefinementCtx) {
  if (v.generatePassword) return;
  if (!v.password || v.password.length < MIN_PASSWORD_LENGTH) {
    ctx.addIssue({ code: "custom", path: ["password"], message: `Type a password of at least ${MIN_PASSWORD_LENGTH} characters, or let Topiary generate one` });
  }
}

export const createScramUserInputSchema = z
  .object({ clusterId: clusterIdSchema, username: scramUserNameSchema, ...passwordFields })
  .superRefine(typedPasswordCheck);
export type CreateScramUserInput = z.input<typeof createScramUserInputSchema>;

export const changeScramPasswordInputSchema = z
  .object({ clusterId: clusterIdSchema, username: existingUserNameSchema, ...passwordFields })
  .superRefine(typedPasswordCheck);
export type ChangeScramPasswordInput = z.input<typeof changeScramPasswordInputSchema>;

export const deleteScramUserInputSchema = z.object({
  clusterId: clusterIdSchema,
  username: existingUserNameSchema,
  /** The user's name typed back. */
  confirmName: z.string().max(512),
});
export type DeleteScramUserInput = z.input<typeof deleteScramUserInputSchema>;

/** The answer to setting a password: the only time it is ever shown. */
export interface ScramPasswordSet {
  username: string;
  principal: string;
  mechanism: ScramMechanism;
  /** Present when Topiary generated it; a typed password is not sent back. */
  generatedPassword: string | null;
}

export function mechanismName(code: number): ScramCredential["mechanism"] {
  const found = (Object.entries(SCRAM_MECHANISM_CODES) as [ScramMechanism, number][]).find(([, c]) => c === code);
  return found ? found[0] : `unknown (${code})`;
}
