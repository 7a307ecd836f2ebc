import { redirect } from "next/navigation";
import { FirstRunForm } from "@/components/auth/first-run-form";
import { needsFirstRun } from "@/server/auth/sign-in";
import { authDisabled } from "@/server/config";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (authDisabled()) redirect("/");
  if (!(await needsFirstRun())) redirect("/sign-in");
  return (
    <div className="auth-page">
      <h1>Welcome to Topiary</h1>
      <p className="muted">Create the first admin. It can add other users and give them roles per cluster.</p>
      <FirstRunForm />
    </div>
  );
}
