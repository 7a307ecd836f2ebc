import Link from "next/link";
import { NetworkPolicyForm } from "@/components/settings/network-policy-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { settingsPageQuery } from "@/server/settings/settings-page-reads";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  try {
    const { network } = await settingsPageQuery({});
    return (
      <>
        <div className="page-head">
          <h1>Settings</h1>
          <Link href="/settings/users">Users and roles</Link>
        </div>
        <NetworkPolicyForm allowPrivateAddresses={network.allowPrivateAddresses} forcedOffByEnv={network.forcedOffByEnv} />
      </>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
