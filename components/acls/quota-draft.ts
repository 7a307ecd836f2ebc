import { QUOTA_KEYS, type ClientQuotaEntry, type QuotaEntity, type QuotaKey, type SetClientQuotasInput } from "@/lib/acls/client-quotas";

// The quota form's state and the change it asks for (pure).

export type PartChoice = "none" | "default" | "name";

export interface QuotaDraft {
  user: PartChoice;
  userName: string;
  client: PartChoice;
  clientName: string;
  /** As typed; empty: no quota for that key. */
  values: Record<QuotaKey, string>;
}

export const EMPTY_QUOTA_DRAFT: QuotaDraft = {
  user: "name",
  userName: "",
  client: "none",
  clientName: "",
  values: { producer_byte_rate: "", consumer_byte_rate: "", request_percentage: "", controller_mutation_rate: "" },
};

export function draftOfEntry(e: ClientQuotaEntry): QuotaDraft {
  const user = e.entity.find((p) => p.type === "user");
  const client = e.entity.find((p) => p.type === "client-id");
  const values = { ...EMPTY_QUOTA_DRAFT.values };
  for (const k of QUOTA_KEYS) if (e.values[k] !== undefined) values[k] = String(e.values[k]);
  return {
    user: !user ? "none" : user.name === null ? "default" : "name",
    userName: user?.name ?? "",
    client: !client ? "none" : client.name === null ? "default" : "name",
    clientName: client?.name ?? "",
    values,
  };
}

export function entityOfDraft(d: QuotaDraft): QuotaEntity {
  const out: QuotaEntity = [];
  if (d.user !== "none") out.push({ type: "user", name: d.user === "default" ? null : d.userName.trim() });
  if (d.client !== "none") out.push({ type: "client-id", name: d.client === "default" ? null : d.clientName.trim() });
  return out;
}

/** The change a draft asks for against what is set now: keys typed are set, keys emptied are removed. */
export function quotaChange(clusterId: string, d: QuotaDraft, current: Partial<Record<QuotaKey, number>>): SetClientQuotasInput {
  const set: Partial<Record<QuotaKey, number>> = {};
  const remove: QuotaKey[] = [];
  for (const k of QUOTA_KEYS) {
    const typed = d.values[k].trim();
    if (typed === "") {
      if (current[k] !== undefined) remove.push(k);
    } else if (Number(typed) !== current[k]) {
      set[k] = Number(typed);
    }
  }
  return { clusterId, entity: entityOfDraft(d), set, remove };
}
