"use client";
import { useState } from "react";
import type { z } from "zod";
import { ActionFailedError } from "@/lib/errors/action-result";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import { errorMessage } from "./fetch-json";

/**
 * A form checked with the server's zod schema before each call. `attempt` clears the form's error, checks the
 * values (on failure it shows the field errors and sends nothing), then runs the call; a refusal shows on the
 * fields it names and as the form's error.
 */
export function useCheckedForm(schema: z.ZodType, values: () => unknown) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function attempt(call: () => Promise<void>): Promise<void> {
    setFormError(null);
    const parsed = schema.safeParse(values());
    setErrors(parsed.success ? {} : fieldErrorsFromZod(parsed.error));
    if (!parsed.success) return;
    try {
      await call();
    } catch (e) {
      if (e instanceof ActionFailedError && e.fieldErrors) setErrors(e.fieldErrors);
      setFormError(errorMessage(e));
    }
  }

  return { errors, formError, attempt };
}
