import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";

/** `read`: the token may only read (GET); `read-write`: whatever its user may do. */
export type TokenScope = "read" | "read-write";
export const TOKEN_SCOPES: TokenScope[] = ["read", "read-write"];
/** The server's default and maximum lifetime, in days. */
export const DEFAULT_TOKEN_DAYS = 90;
export const TOKEN_DAY_CHOICES = [30, 90, 180, 365];

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

export interface TokenPage extends Page<ApiToken> {
  /** `create` when the caller may create tokens (a member needs an administrator's leave). */
  allowedActions: "create"[];
}

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
    mutationFn: (input: { name: string; scope: TokenScope; expiresInDays: number }) =>
      api<{ token: string; item: ApiToken }>("/tokens", { method: "POST", body: input }),
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
