import { z } from "zod";
import { locales, roles } from "../../lib/auth/roles.ts";

export const passwordRule = z.string().min(10).max(128);

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  unitId: z.string(),
  unitName: z.string(),
  personId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  locale: z.enum(locales),
  /** What the user may open or start (the modules' capabilities, `<module>.<name>`): the web's menus and buttons. */
  capabilities: z.array(z.string()),
});
export type MeUser = z.infer<typeof meUser>;

export const sessionResponse = z.object({ user: meUser, csrfToken: z.string().nullable() });
/** The web app's first question: a session, or none — an answer, not a 401, for a visitor. */
export const currentSessionResponse = z.object({ session: sessionResponse.nullable() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordRule,
});

export const preferencesBody = z.object({ locale: z.enum(locales) });
export const preferencesResponse = z.object({ user: meUser });
