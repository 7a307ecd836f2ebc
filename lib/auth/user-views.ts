// What the users page shows of a user. Types only.
import type { Role } from "./permissions";

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  sso: boolean;
  grants: { clusterId: string | null; role: Role }[];
  createdAt: string;
}
