import Link from "next/link";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";

/** What a server page shows when its guarded read fails: the user-facing message only. */
export function ErrorPanel({ error }: { error: unknown }) {
  // An expired or missing session: to the sign-in page rather than an error.
  if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect("/sign-in");
  const message = isAppError(error) ? error.userMessage : "Something went wrong on the server.";
  return (
    <div className="banner error" role="alert">
      {message} <Link href="/clusters">Back to clusters</Link>
    </div>
  );
}
