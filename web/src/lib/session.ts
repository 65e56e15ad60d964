import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "./api";
import type { ResponseOf } from "./api-shapes";
import { applyLocale, isLocale, type Locale } from "./i18n";

/** Roles, see DOMAIN.md: quản trị hệ thống, cán bộ chuyên trách, lãnh đạo, bí thư chi bộ, đảng viên. */
export const ROLES = ["admin", "officer", "leader", "secretary", "member"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user, with what they may open or start (`capabilities`, the server's decision). */
export type User = ResponseOf<"/api/auth/me", "get">["user"];

/**
 * A capability of the server's modules (`<module>.<name>`, server/src/features/<module>/manifest.ts):
 * the menus, pages and buttons the server would let the user use.
 */
export const can = (user: Pick<User, "capabilities">, capability: string | undefined) =>
  capability === undefined || user.capabilities.includes(capability);

export interface Session {
  user: User;
  /** Null only for bearer-token callers, never for a browser session. */
  csrfToken: string | null;
}

export const sessionKey = ["session"] as const;

/** A visitor gets `null`, not a 401: the first page makes no request that fails. */
async function fetchSession(): Promise<Session | null> {
  const { session } = await api<{ session: Session | null }>("/auth/session");
  if (session) await adoptSession(session);
  else setCsrfToken(null);
  return session;
}

/** Takes the CSRF token and the saved language of a freshly opened session. */
async function adoptSession(session: Session): Promise<void> {
  setCsrfToken(session.csrfToken);
  if (isLocale(session.user.locale)) await applyLocale(session.user.locale);
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: 1,
  });
}

/** The signed-in user; only call below the routes that require a session. */
export function useCurrentUser(): User {
  const { data } = useSession();
  if (!data) throw new Error("useCurrentUser called without a session");
  return data.user;
}

/** Forgets everything the previous user could see, and shows the login page. */
export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.cancelQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData(sessionKey, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<Session>("/auth/login", { method: "POST", body: input, expectUnauthorized: true }),
    onSuccess: async (session) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      await adoptSession(session);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api<void>("/auth/logout", { method: "POST", expectUnauthorized: true });
      } catch {
        // The session may already be gone; the user still leaves.
      }
    },
    onSettled: () => clearSession(queryClient),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<Session>("/auth/password", { method: "POST", body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

/** Language switch: applied at once, remembered on the device, and saved to the account if signed in. */
export function useSwitchLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      await applyLocale(locale);
      const session = queryClient.getQueryData<Session | null>(sessionKey);
      if (!session) return null;
      const { user } = await api<{ user: User }>("/auth/preferences", {
        method: "PUT",
        body: { locale },
      });
      return user;
    },
    onSuccess: (user) => {
      if (!user) return;
      queryClient.setQueryData<Session | null>(sessionKey, (session) =>
        session ? { ...session, user } : session,
      );
    },
  });
}
