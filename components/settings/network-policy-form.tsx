"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setNetworkPolicyAction } from "@/server/actions/settings-actions";

/** The network policy: whether clusters and alert webhooks may use loopback, private and link-local addresses. */
export function NetworkPolicyForm({ allowPrivateAddresses, forcedOffByEnv }: { allowPrivateAddresses: boolean; forcedOffByEnv: boolean }) {
  const router = useRouter();
  const [allow, setAllow] = useState(allowPrivateAddresses);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    const r = await setNetworkPolicyAction({ allowPrivateAddresses: allow });
    setBusy(false);
    if (!r.ok) {
      setStatus({ ok: false, text: r.error.message });
      return;
    }
    setAllow(r.data.allowPrivateAddresses);
    setStatus({ ok: true, text: r.data.allowPrivateAddresses ? "Saved: loopback and private addresses are allowed." : "Saved: loopback and private addresses are refused." });
    router.refresh();
  };
  return (
    <form className="form card" onSubmit={submit} aria-label="Network">
      <h2>Network</h2>
      <label className="check-inline">
        <input type="checkbox" checked={allow} disabled={forcedOffByEnv} onChange={(e) => setAllow(e.target.checked)} />
        Allow loopback and private addresses
      </label>
      <p className="hint">
        For cluster bootstrap servers and alert webhooks: 127.0.0.0/8 and ::1, private networks (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
        addresses (169.254/16 with the cloud metadata service, fe80::/10), 0.0.0.0 and carrier-grade NAT (100.64/10). Turn this off when people you
        do not trust can sign in: otherwise they can make the console connect to services on its own machine and network. Host names are resolved
        and every address they give is checked; webhooks are checked again before each delivery.
      </p>
      {forcedOffByEnv && (
        <p className="banner" role="note" data-testid="network-forced-off">
          TOPIARY_ALLOW_PRIVATE_ADDRESSES=false is set on the server: these addresses are refused whatever is chosen here.
        </p>
      )}
      {status && (
        <p className={status.ok ? "ok" : "error"} role={status.ok ? "status" : "alert"}>
          {status.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || forcedOffByEnv || allow === allowPrivateAddresses}>
          Save
        </button>
      </div>
    </form>
  );
}
