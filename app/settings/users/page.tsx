import Link from "next/link";
import { UsersAdmin } from "@/components/users/users-admin";
import { ErrorPanel } from "@/components/ui/error-panel";
import { usersPageQuery } from "@/server/users/user-page-reads";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  try {
    const { users, clusters } = await usersPageQuery({});
    return (
      <>
        <div className="page-head">
          <h1>Users and roles</h1>
          <Link href="/settings">Settings</Link>
        </div>
        <UsersAdmin users={users} clusters={clusters} />
      </>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
