import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

export const USERS_PAGE_SIZE = 50;

/** An account; `apiTokensAllowed`: a member may create API tokens (an administrator's decision; other
 * roles always may); `lockedUntil`: sign-in locked after repeated wrong passwords, until this time. */
export type UserRow = ItemOf<"/api/users", "get">;
export type UserAction = UserRow["allowedActions"][number];
export type UserPage = ResponseOf<"/api/users", "get">;

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

export type CreateUserInput = BodyOf<"/api/users", "post">;

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      api<ResponseOf<"/api/users", "post", 201>>("/users", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export type UpdateUserInput = BodyOf<"/api/users/{id}", "patch">;

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserInput & { id: string }) =>
      api<ResponseOf<"/api/users/{id}", "patch">>(`/users/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ResponseOf<"/api/users/{id}/reset-password", "post">>(
        `/users/${encodeURIComponent(id)}/reset-password`,
        { method: "POST" },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useReloadUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersKey });
}

/** One account made by the bulk creation, with its one-time password (shown once, never again). */
export type BulkAccount = ResponseOf<"/api/users/bulk", "post", 201>["items"][number];

/** How many active members of a unit's subtree have no account yet (the dry run of the bulk creation). */
export function useBulkAccountsPreview(unitId: string | null) {
  return useQuery({
    queryKey: [...usersKey, "bulk-preview", unitId],
    queryFn: () =>
      api<ResponseOf<"/api/users/bulk", "post">>("/users/bulk", {
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
      api<ResponseOf<"/api/users/bulk", "post", 201>>("/users/bulk", { method: "POST", body: { unitId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
