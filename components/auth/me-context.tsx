"use client";
import { createContext, useContext, type ReactNode } from "react";
import { can, type Grant, type Permission } from "@/lib/auth/permissions";

export interface Me {
  name: string;
  local: boolean;
  grants: Grant[];
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);

/**
 * Whether the signed-in user holds a permission (on a cluster): the UI hides what a role cannot do. Only a
 * convenience: the server checks every call again.
 */
export function useCan(permission: Permission, clusterId: string | null | undefined): boolean {
  const me = useMe();
  if (!me) return false;
  return can({ id: "", name: me.name, local: me.local, grants: me.grants }, permission, clusterId ?? null);
}
