import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page, uploadWithProgress } from "../../lib/api";
import type { Role } from "../../lib/session";

/** Chuyên đề: the topic a unit issues for a year, published down its subtree, and the sessions that study it. */

/** Who issues topics (the server decides; the UI only offers it to them). */
export const ISSUER_ROLES: readonly Role[] = ["admin", "officer", "leader"];
/** Who records a unit's study sessions: the cell secretary, officers, admins. */
export const RECORDER_ROLES: readonly Role[] = ["admin", "officer", "secretary"];
export const SESSIONS_PAGE_SIZE = 20;

interface Named {
  id: string;
  name: string;
}

export interface TopicLink {
  title: string;
  url: string;
}

export interface TopicFile {
  id: string;
  fileName: string;
  kind: "image" | "pdf" | "document";
  contentType: string;
  size: number;
  url: string;
  thumbUrl: string | null;
}

export interface Topic {
  id: string;
  year: number;
  title: string;
  summary: string;
  unit: Named;
  mine: boolean;
  links: TopicLink[];
  fileCount: number;
  allowedActions: "update"[];
  version: number;
}

export interface TopicDetail extends Topic {
  files: TopicFile[];
}

export interface Coverage {
  studied: number;
  members: number;
  share: number;
}

export interface CoverageReport extends Coverage {
  unit: Named;
  year: number;
  on: string;
  children: (Coverage & { unit: Named })[];
}

export interface StudySession {
  id: string;
  unit: Named;
  topic: { id: string; title: string; year: number };
  heldOn: string;
  notes: string;
  attendeeCount: number;
  attendedByMe: boolean;
  allowedActions: "update"[];
  version: number;
}

export interface Attendee {
  id: string;
  fullName: string;
  unitName: string;
}

export interface StudySessionDetail extends StudySession {
  attendees: Attendee[];
}

export interface RosterPerson extends Attendee {
  position: string;
}

const topicsKey = ["topics"] as const;
const sessionsKey = ["study-sessions"] as const;

export function useTopics(query: { year?: number; chain?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...topicsKey, "list", query],
    queryFn: ({ signal }) =>
      api<Page<Topic>>("/topics", {
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
      api<{ topic: TopicDetail }>(`/topics/${encodeURIComponent(id ?? "")}`, { signal }).then((r) => r.topic),
    enabled: Boolean(id),
  });
}

export interface TopicInput {
  year: number;
  title: string;
  summary: string;
  links: TopicLink[];
}

export function useSaveTopic(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TopicInput & { version?: number }) =>
      id
        ? api<{ topic: TopicDetail }>(`/topics/${encodeURIComponent(id)}`, { method: "PATCH", body: input })
        : api<{ topic: TopicDetail }>("/topics", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey }),
  });
}

export function uploadTopicFile(topicId: string, file: File, onProgress?: (sent: number) => void) {
  const form = new FormData();
  form.append("file", file);
  return uploadWithProgress<{ file: TopicFile }>(
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
      api<Page<StudySession>>("/study-sessions", {
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
      api<{ session: StudySessionDetail }>(`/study-sessions/${encodeURIComponent(id ?? "")}`, {
        signal,
      }).then((r) => r.session),
    enabled: Boolean(id),
  });
}

export function useRoster(unitId: string | null) {
  return useQuery({
    queryKey: [...sessionsKey, "roster", unitId],
    queryFn: ({ signal }) =>
      api<{ unit: Named; items: RosterPerson[]; truncated: boolean }>("/study-sessions/roster", {
        query: { unitId: unitId ?? undefined },
        signal,
      }),
    enabled: Boolean(unitId),
    staleTime: 60_000,
  });
}

export interface SessionInput {
  unitId: string;
  topicId: string;
  heldOn: string;
  notes: string;
  personIds: string[];
}

export function useSaveSession(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionInput & { version?: number }) => {
      if (!id)
        return api<{ session: StudySessionDetail }>("/study-sessions", { method: "POST", body: input });
      const { unitId: _unit, ...changes } = input;
      return api<{ session: StudySessionDetail }>(`/study-sessions/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: changes,
      });
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
