// Inputs of sign-in and user management, validated on the server. Pure.
import { z } from "zod";
import { ROLES } from "./permissions";

export const usernameSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "Letters, digits, '.', '_', '@' or '-'");

export const newPasswordSchema = z.string().min(12, "At least 12 characters").max(200, "At most 200 characters");

export const signInInputSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name").max(200),
  password: z.string().min(1, "Enter your password").max(200),
});

export const firstAdminInputSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().max(120).default(""),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords differ" });

export const createUserInputSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().max(120).default(""),
  password: newPasswordSchema,
});

export const userIdSchema = z.string().min(1).max(64);

export const setUserDisabledInputSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
/** Deleting a user needs their name typed back. */
export const deleteUserInputSchema = z.object({ userId: userIdSchema, confirmName: z.string().max(200) });
export const setPasswordInputSchema = z.object({ userId: userIdSchema, password: newPasswordSchema });

/** clusterId null: the role on every cluster. role null: remove the grant. */
export const setGrantInputSchema = z.object({
  userId: userIdSchema,
  clusterId: z.string().min(1).max(64).nullable(),
  role: z.enum(ROLES).nullable(),
});
export type SetGrantInput = z.infer<typeof setGrantInputSchema>;
