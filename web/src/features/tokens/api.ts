import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** The server's default and maximum lifetime, in days. */
export const DEFAULT_TOKEN_DAYS = 90;
export const TOKEN_DAY_CHOICES = [30, 90, 180, 365];

export type ApiToken = ItemOf<"/api/tokens", "get">;
/** `read`: the token may only read (GET); `read-write`: whatever its user may do. */
export type TokenScope = ApiToken["scope"];
export const TOKEN_SCOPES: TokenScope[] = ["read", "read-write"];
/** `allowedActions` holds `create` when the caller may create tokens (a member needs an administrator's leave). */
export type TokenPage = ResponseOf<"/api/tokens", "get">;

const tokensKey = ["tokens"] as const;

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api<TokenPage>("/tokens", { query: { pageSize: 200 }, signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<"/api/tokens", "post">) =>
      api<ResponseOf<"/api/tokens", "post", 201>>("/tokens", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
