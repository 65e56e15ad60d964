/** What the global setup and the tests share (no vitest runtime imports: the setup loads this too). */

export const CHROMIUM_PATH = "/usr/bin/chromium";

export type Role = "admin" | "officer" | "leader" | "secretary" | "member";

/** One line of `<DATA_DIR>/demo-accounts.json`, written by the server's demo seed. */
export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitId: string;
  personId: string | null;
}
