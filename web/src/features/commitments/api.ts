import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";
import { unitsKey } from "../units/api";

/**
 * Bản cam kết (a member's yearly commitment) and xếp loại (the yearly grade, Quy định 366-QĐ/TW):
 * the member writes, submits and assesses; the cell secretary reviews and proposes the whole
 * cell's grades; the committee above confirms; the year is closed, then only corrected.
 */
export const COMMITMENT_STATUSES = ["draft", "submitted", "reviewed"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const GRADES = ["excellent", "good", "complete", "incomplete"] as const;
export type Grade = (typeof GRADES)[number];

export type MyCommitment = ResponseOf<"/api/commitments/mine", "get">;
export type Commitment = ResponseOf<"/api/commitments/{id}", "get">["commitment"];
export type Template = NonNullable<MyCommitment["template"]>;
export type Target = Template["targets"][number];
export type HistoryItem = ResponseOf<"/api/commitments/history", "get">["items"][number];
export type UnitCommitment = ItemOf<"/api/units/{id}/commitments", "get">;
export type RatingSheet = ResponseOf<"/api/units/{id}/ratings", "get">;
export type SheetRow = RatingSheet["rows"][number];
export type GradeValue = NonNullable<SheetRow["final"]>;
export type RatingInput = BodyOf<"/api/units/{id}/ratings", "post">["ratings"][number];

/** A bad row of a refused sheet (422): its place in the request, whose, which field, why. */
export interface RowProblem {
  row: number;
  personId: string;
  field: string;
  message: string;
}

export type ReminderSettings = ResponseOf<"/api/units/{id}/reminder-settings", "get">;
export type ReminderRun = ResponseOf<"/api/reminders/run", "post">;

/**
 * The grade the points suggest (Quy định 366: ≥ 90 excellent, 70–89 good, 50–69 complete, below
 * 50 incomplete). Only a guide: the cell judges (92 points without 30% of tasks exceeded is "good").
 */
export function suggestedGrade(points: number | null | undefined): Grade | null {
  if (points === null || points === undefined || Number.isNaN(points)) return null;
  if (points >= 90) return "excellent";
  if (points >= 70) return "good";
  if (points >= 50) return "complete";
  return "incomplete";
}

export const commitmentsKey = ["commitments"] as const;
const unitPath = (id: string) => `/units/${encodeURIComponent(id)}`;

export function useMyCommitment(year: number) {
  return useQuery({
    queryKey: [...commitmentsKey, "mine", year],
    queryFn: ({ signal }) => api<MyCommitment>("/commitments/mine", { query: { year }, signal }),
  });
}

export function useCommitmentHistory() {
  return useQuery({
    queryKey: [...commitmentsKey, "history"],
    queryFn: ({ signal }) => api<{ items: HistoryItem[] }>("/commitments/history", { signal }),
  });
}

export function useCommitment(id: string | undefined) {
  return useQuery({
    queryKey: [...commitmentsKey, "detail", id],
    queryFn: ({ signal }) =>
      api<{ commitment: Commitment }>(`/commitments/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: Boolean(id),
  });
}

function useInvalidateCommitments() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: commitmentsKey }),
      queryClient.invalidateQueries({ queryKey: [...unitsKey, "stats"] }),
      queryClient.invalidateQueries({ queryKey: ["notifications"] }),
    ]);
}

export type CommitmentDraft = BodyOf<"/api/commitments/mine", "put">;

/** Saves the draft (the autosave): the answer carries the new version; the list is not refetched. */
export function useSaveMyCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: CommitmentDraft) =>
      api<{ commitment: Commitment }>("/commitments/mine", { method: "PUT", body: draft }),
    onSuccess: ({ commitment }) =>
      queryClient.setQueryData<MyCommitment>([...commitmentsKey, "mine", commitment.year], (current) =>
        current ? { ...current, commitment } : current,
      ),
  });
}

export function useSubmitMyCommitment() {
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: (year: number) =>
      api<{ commitment: Commitment }>("/commitments/mine/submit", { method: "POST", body: { year } }),
    onSuccess: () => invalidate(),
  });
}

export function useAssessMyCommitment() {
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: (body: {
      year: number;
      period: "mid" | "end";
      text: string;
      results?: string[];
      version: number;
    }) => api<{ commitment: Commitment }>("/commitments/mine/assessment", { method: "PUT", body }),
    onSuccess: () => invalidate(),
  });
}

export function useReviewCommitment() {
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      comment: string | null;
      score: number | null;
      version: number;
    }) =>
      api<{ commitment: Commitment }>(`/commitments/${encodeURIComponent(id)}/review`, {
        method: "POST",
        body,
      }),
    onSuccess: () => invalidate(),
  });
}

export const UNIT_COMMITMENTS_PAGE_SIZE = 50;

export function useUnitCommitments(unitId: string, params: { year: number; missing: boolean; page: number }) {
  return useQuery({
    queryKey: [...commitmentsKey, "unit", unitId, params],
    queryFn: ({ signal }) =>
      api<Page<UnitCommitment> & { year: number }>(`${unitPath(unitId)}/commitments`, {
        query: {
          year: params.year,
          missing: params.missing ? "true" : undefined,
          page: params.page,
          pageSize: UNIT_COMMITMENTS_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: Boolean(unitId),
  });
}

export function useTemplate(unitId: string, year: number) {
  return useQuery({
    queryKey: [...commitmentsKey, "template", unitId, year],
    queryFn: ({ signal }) =>
      api<{ template: Template | null }>(`${unitPath(unitId)}/commitment-template`, {
        query: { year },
        signal,
      }),
    enabled: Boolean(unitId),
  });
}

export function useSaveTemplate() {
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: ({
      unitId,
      ...body
    }: {
      unitId: string;
      year: number;
      studyPrompt: string;
      actionPrompt: string;
      targets: Target[];
      deadline: string | null;
      campaignWeight: number;
      version?: number;
    }) =>
      api<{ template: Template | null }>(`${unitPath(unitId)}/commitment-template`, { method: "PUT", body }),
    onSuccess: () => invalidate(),
  });
}

export function useRatingSheet(unitId: string, year: number, enabled = true) {
  return useQuery({
    queryKey: [...commitmentsKey, "sheet", unitId, year],
    queryFn: ({ signal }) => api<RatingSheet>(`${unitPath(unitId)}/ratings`, { query: { year }, signal }),
    enabled: Boolean(unitId) && enabled,
    // A sheet being filled in must not be replaced under the secretary's hands.
    refetchOnWindowFocus: false,
  });
}

function useSheetMutation<T>(request: (input: T) => Promise<RatingSheet>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: request,
    onSuccess: (sheet) => {
      queryClient.setQueryData([...commitmentsKey, "sheet", sheet.unitId, sheet.year], sheet);
      return invalidate();
    },
  });
}

export function useSaveRatings() {
  return useSheetMutation(
    (input: { unitId: string; year: number; version: number; ratings: RatingInput[] }) =>
      api<RatingSheet>(`${unitPath(input.unitId)}/ratings`, {
        method: "POST",
        body: { year: input.year, version: input.version, ratings: input.ratings },
      }),
  );
}

export function useConfirmRatings() {
  return useSheetMutation(
    (input: { unitId: string; year: number; version: number; changes: RatingInput[] }) =>
      api<RatingSheet>(`${unitPath(input.unitId)}/ratings/confirm`, {
        method: "POST",
        body: { year: input.year, version: input.version, changes: input.changes },
      }),
  );
}

export function useCorrectRating() {
  return useSheetMutation(
    (input: { ratingId: string; grade: Grade; points: number | null; reason: string }) =>
      api<RatingSheet>(`/ratings/${encodeURIComponent(input.ratingId)}/corrections`, {
        method: "POST",
        body: { grade: input.grade, points: input.points, reason: input.reason },
      }),
  );
}

export function useCloseYear() {
  const invalidate = useInvalidateCommitments();
  return useMutation({
    mutationFn: ({ unitId, year }: { unitId: string; year: number }) =>
      api<{ unitId: string; year: number; closedAt: string }>(`${unitPath(unitId)}/years/${year}/close`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => invalidate(),
  });
}

export function useReminderSettings(unitId: string, year: number) {
  return useQuery({
    queryKey: [...commitmentsKey, "reminders", unitId, year],
    queryFn: ({ signal }) =>
      api<ReminderSettings>(`${unitPath(unitId)}/reminder-settings`, { query: { year }, signal }),
    enabled: Boolean(unitId),
  });
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      unitId,
      ...body
    }: {
      unitId: string;
      year: number;
      ratingsDue: string | null;
      version?: number;
    }) => api<ReminderSettings>(`${unitPath(unitId)}/reminder-settings`, { method: "PUT", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...commitmentsKey, "reminders"] }),
  });
}

/** "Nhắc nhở ngay": the reminders of the caller's subtree, now (each account once per kind and year). */
export function useRunReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => api<ReminderRun>("/reminders/run", { method: "POST", body: { year } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
}
