import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, uploadWithProgress } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Chuyên đề: the topic a unit issues for a year, published down its subtree, and the sessions that study it. */

export const SESSIONS_PAGE_SIZE = 20;

export type Topic = ItemOf<"/api/topics", "get">;
export type TopicLink = Topic["links"][number];
export type TopicDetail = ResponseOf<"/api/topics/{id}", "get">["topic"];
export type TopicFile = TopicDetail["files"][number];
export type CoverageReport = ResponseOf<"/api/topics/coverage", "get">;
export type Coverage = Pick<CoverageReport, "studied" | "members" | "share">;
export type StudySession = ItemOf<"/api/study-sessions", "get">;
export type StudySessionDetail = ResponseOf<"/api/study-sessions/{id}", "get">["session"];
export type Attendee = StudySessionDetail["attendees"][number];
export type RosterPerson = ItemOf<"/api/study-sessions/roster", "get">;

const topicsKey = ["topics"] as const;
const sessionsKey = ["study-sessions"] as const;

export function useTopics(query: { year?: number; chain?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...topicsKey, "list", query],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/topics", "get">>("/topics", {
        query: { year: query.year, chain: query.chain, page: query.page, pageSize: query.pageSize ?? 50 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useTopic(id: string | undefined) {
  return useQuery({
    queryKey: [...topicsKey, "detail", id],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/topics/{id}", "get">>(`/topics/${encodeURIComponent(id ?? "")}`, { signal }).then(
        (r) => r.topic,
      ),
    enabled: Boolean(id),
  });
}

export type TopicInput = BodyOf<"/api/topics", "post">;

export function useSaveTopic(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TopicInput & { version?: number }) =>
      id
        ? api<ResponseOf<"/api/topics/{id}", "patch">>(`/topics/${encodeURIComponent(id)}`, {
            method: "PATCH",
            body: input,
          })
        : api<ResponseOf<"/api/topics", "post", 201>>("/topics", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}

export function uploadTopicFile(topicId: string, file: File, onProgress?: (sent: number) => void) {
  const form = new FormData();
  form.append("file", file);
  return uploadWithProgress<ResponseOf<"/api/topics/{id}/files", "post", 201>>(
    `/topics/${encodeURIComponent(topicId)}/files`,
    form,
    onProgress,
  );
}

export function useDeleteTopicFile(topicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) =>
      api<void>(`/topics/${encodeURIComponent(topicId)}/files/${encodeURIComponent(fileId)}`, {
        method: "DELETE",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}

export function useReloadTopics() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: topicsKey });
}

export function useCoverage(year: number, unitId?: string | null, enabled = true) {
  return useQuery({
    queryKey: [...topicsKey, "coverage", year, unitId ?? null],
    queryFn: ({ signal }) =>
      api<CoverageReport>("/topics/coverage", { query: { year, unitId: unitId ?? undefined }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSessions(query: {
  year?: number;
  unitId?: string | null;
  topicId?: string;
  page: number;
}) {
  return useQuery({
    queryKey: [...sessionsKey, "list", query],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/study-sessions", "get">>("/study-sessions", {
        query: {
          year: query.year,
          unitId: query.unitId ?? undefined,
          topicId: query.topicId,
          page: query.page,
          pageSize: SESSIONS_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string | undefined) {
  return useQuery({
    queryKey: [...sessionsKey, "detail", id],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/study-sessions/{id}", "get">>(`/study-sessions/${encodeURIComponent(id ?? "")}`, {
        signal,
      }).then((r) => r.session),
    enabled: Boolean(id),
  });
}

export function useRoster(unitId: string | null) {
  return useQuery({
    queryKey: [...sessionsKey, "roster", unitId],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/study-sessions/roster", "get">>("/study-sessions/roster", {
        query: { unitId: unitId ?? undefined },
        signal,
      }),
    enabled: Boolean(unitId),
    staleTime: 60_000,
  });
}

export type SessionInput = BodyOf<"/api/study-sessions", "post">;

export function useSaveSession(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionInput & { version?: number }) => {
      if (!id)
        return api<ResponseOf<"/api/study-sessions", "post", 201>>("/study-sessions", {
          method: "POST",
          body: input,
        });
      const { unitId: _unit, ...changes } = input;
      return api<ResponseOf<"/api/study-sessions/{id}", "patch">>(
        `/study-sessions/${encodeURIComponent(id)}`,
        {
          method: "PATCH",
          body: changes,
        },
      );
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionsKey }),
        queryClient.invalidateQueries({ queryKey: [...topicsKey, "coverage"] }),
      ]),
  });
}

export function useDeleteSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<void>(`/study-sessions/${encodeURIComponent(id)}`, { method: "DELETE", body: { version } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionsKey }),
        queryClient.invalidateQueries({ queryKey: [...topicsKey, "coverage"] }),
      ]),
  });
}

/** A share 0..1 as a percentage the way the UI language writes it (45,3 %). */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(share);
}

/** Text for matching without diacritics, as the server's search folds it ("nguyen van duc"). */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim();
}
