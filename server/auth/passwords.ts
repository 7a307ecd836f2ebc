import "server-only";
import bcrypt from "bcryptjs";
import { bcryptCost } from "@/server/config";

export const hashPassword = (password: string) => bcrypt.hash(password, bcryptCost());

// A hash to compare against when the user does not exist, so the time taken does not tell which names exist.
let dummy: Promise<string> | null = null;

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummy ??= bcrypt.hash("no such user", bcryptCost());
    await bcrypt.compare(password, await dummy);
    return false;
  }
  return bcrypt.compare(password, hash);
}
