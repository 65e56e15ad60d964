import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";
import type { Role } from "../../lib/session";

export const USERS_PAGE_SIZE = 50;

export type UserAction = "update" | "disable" | "enable" | "resetPassword" | "allowApiTokens";

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  active: boolean;
  mustChangePassword: boolean;
  /** A member may create API tokens (an administrator's decision; other roles always may). */
  apiTokensAllowed: boolean;
  /** Sign-in locked after repeated wrong passwords, until this time. */
  lockedUntil?: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  allowedActions: string[];
}

export interface UserPage extends Page<UserRow> {
  allowedActions?: string[];
}

const usersKey = ["users"] as const;

export function useUsers(params: { q: string; page: number }) {
  return useQuery({
    queryKey: [...usersKey, params],
    queryFn: ({ signal }) =>
      api<UserPage>("/users", {
        query: { q: params.q, page: params.page, pageSize: USERS_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      api<{ user: UserRow; oneTimePassword: string }>("/users", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  unitId?: string;
  active?: boolean;
  apiTokensAllowed?: boolean;
  version: number;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserInput & { id: string }) =>
      api<{ user: UserRow }>(`/users/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ oneTimePassword: string }>(`/users/${encodeURIComponent(id)}/reset-password`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useReloadUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersKey });
}

/** One account made by the bulk creation, with its one-time password (shown once, never again). */
export interface BulkAccount {
  personId: string;
  fullName: string;
  unitName: string;
  username: string;
  oneTimePassword: string;
}

/** How many active members of a unit's subtree have no account yet (the dry run of the bulk creation). */
export function useBulkAccountsPreview(unitId: string | null) {
  return useQuery({
    queryKey: [...usersKey, "bulk-preview", unitId],
    queryFn: () =>
      api<{ count: number; max: number }>("/users/bulk", {
        method: "POST",
        body: { unitId, dryRun: true },
      }),
    enabled: Boolean(unitId),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Creates the accounts; the answer is the only place their passwords ever appear. */
export function useCreateBulkAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) =>
      api<{ items: BulkAccount[] }>("/users/bulk", { method: "POST", body: { unitId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
