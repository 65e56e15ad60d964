import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";
import { unitsKey } from "../units/api";

/** Đảng viên: a party member on the registry of a cell. */
export const PERSON_STATUSES = ["active", "transferred", "deceased", "removed"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const PEOPLE_PAGE_SIZE = 50;

export type Person = ItemOf<"/api/people", "get">;
export type Gender = NonNullable<Person["gender"]>;
export type PersonAction = Person["allowedActions"][number];
export type PeoplePage = ResponseOf<"/api/people", "get">;

/** The list's filters; `unitId` means that unit's whole subtree. Empty strings mean "any". */
export interface PeopleFilters {
  unitId: string;
  q: string;
  status: PersonStatus | "";
}

export const peopleKey = ["people"] as const;
const path = (id: string) => `/people/${encodeURIComponent(id)}`;

export function usePeople(filters: PeopleFilters, page: number) {
  return useQuery({
    queryKey: [...peopleKey, "list", filters, page],
    queryFn: ({ signal }) =>
      api<PeoplePage>("/people", {
        query: { ...filters, page, pageSize: PEOPLE_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: [...peopleKey, "detail", id],
    queryFn: ({ signal }) => api<ResponseOf<"/api/people/{id}", "get">>(path(id ?? ""), { signal }),
    enabled: Boolean(id),
  });
}

/** A new person, or a change of status, moves the figures of every unit above: reload those too. */
function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKey }),
      queryClient.invalidateQueries({ queryKey: [...unitsKey, "stats"] }),
    ]);
}

/** The fields a person form edits. */
export type PersonFields = Partial<Omit<BodyOf<"/api/people", "post">, "unitId">>;

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: BodyOf<"/api/people", "post">) =>
      api<ResponseOf<"/api/people", "post", 201>>("/people", { method: "POST", body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<"/api/people/{id}", "patch"> & { id: string }) =>
      api<ResponseOf<"/api/people/{id}", "patch">>(path(id), { method: "PATCH", body }),
    onSuccess: () => invalidate(),
  });
}

export function useTransferPerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<"/api/people/{id}/transfer", "post"> & { id: string }) =>
      api<ResponseOf<"/api/people/{id}/transfer", "post">>(`${path(id)}/transfer`, { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

export function useReloadPeople() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: peopleKey });
}

/** The .xlsx of the whole list under the same filters as on screen. */
export function exportPeople(filters: PeopleFilters): Promise<void> {
  return downloadFile("/people/export", { ...filters }, "Danh sách đảng viên.xlsx");
}

/**
 * The longest list the server sends as a direct download (its EXPORT_DIRECT_MAX_ROWS); a longer
 * one — or one whose total is only estimated — is exported as a background job.
 */
export const DIRECT_EXPORT_MAX_ROWS = 200_000;

/** What a finished export job gives: its file, downloadable by the user who started it. */
export interface PeopleExportResult {
  url: string;
  fileId: string;
  fileName: string;
  size: number;
  rows: number;
  sheets: string[];
}

/** Starts the background export of the list under the filters; the page follows it with `useJob`. */
export function startPeopleExport(filters: PeopleFilters): Promise<{ jobId: string }> {
  const body = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""));
  return api<{ jobId: string }>("/people/export-jobs", { method: "POST", body });
}

/** What can be imported from a sheet: members (into cells), units (a part of the tree) or good-practice models. */
export type ImportKind = "people" | "units" | "practices";

/** Each kind's route, and the query parameter naming the unit that rows without one go to. */
const IMPORTS: Record<ImportKind, { path: string; unitParam: string; template: string }> = {
  people: { path: "/imports/people", unitParam: "unitId", template: "Mẫu nhập đảng viên.xlsx" },
  units: { path: "/imports/units", unitParam: "parentId", template: "Mẫu nhập đơn vị.xlsx" },
  practices: { path: "/imports/practices", unitParam: "unitId", template: "Mẫu nhập mô hình.xlsx" },
};

export function downloadImportTemplate(kind: ImportKind = "people"): Promise<void> {
  return downloadFile(`${IMPORTS[kind].path}/template`, undefined, IMPORTS[kind].template);
}

/** One problem of an import file, as Excel numbers the rows. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportInput {
  kind?: ImportKind;
  file: File;
  /** The cell of rows without a cell code (people), or the parent of rows without a parent code (units). */
  unitId: string | null;
}

function importRequest({ kind = "people", file, unitId }: ImportInput, dryRun: boolean) {
  const form = new FormData();
  form.append("file", file);
  const target = IMPORTS[kind];
  return {
    path: target.path,
    options: {
      method: "POST" as const,
      query: { ...(dryRun ? { dryRun: true } : {}), [target.unitParam]: unitId },
      body: form,
    },
  };
}

/** Dry run: every row is checked, nothing is stored. Answers 422 IMPORT_INVALID with the rows. */
export function useCheckImport() {
  return useMutation({
    mutationFn: (input: ImportInput) => {
      const { path, options } = importRequest(input, true);
      return api<{ rows: number }>(path, options);
    },
  });
}

/** Starts the import job; the page follows it with `useJob`. */
export function useStartImport() {
  return useMutation({
    mutationFn: (input: ImportInput) => {
      const { path, options } = importRequest(input, false);
      return api<{ jobId: string }>(path, options);
    },
  });
}

/** The row errors in an IMPORT_INVALID error's details (`{rows:[...]}`), if any. */
export function importRowErrors(details: unknown): ImportRowError[] {
  if (typeof details !== "object" || details === null || !("rows" in details)) return [];
  const rows = (details as { rows: unknown }).rows;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((row): row is Record<string, unknown> => typeof row === "object" && row !== null)
    .map((row) => ({
      row: Number(row.row) || 0,
      column: String(row.column ?? ""),
      message: String(row.message ?? ""),
    }));
}
