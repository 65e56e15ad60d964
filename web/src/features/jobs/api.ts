import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ResponseOf } from "../../lib/api-shapes";

type JobResponse = ResponseOf<"/api/jobs/{id}", "get">;

/** A long task on the server (an import, a big export) that the page follows until it ends. */
export type JobStatus = JobResponse["status"];

/** `progress` is 0..1; `result` is what the job's kind gives (the API says `unknown`). */
export type Job<Result = unknown> = Omit<JobResponse, "result"> & { result: Result | null };

export const JOB_POLL_MS = 500;

export function isFinished(status: JobStatus | undefined): boolean {
  return status === "succeeded" || status === "failed";
}

/** Polls a job about twice a second until it has succeeded or failed. */
export function useJob<Result = unknown>(id: string | null) {
  return useQuery({
    queryKey: ["jobs", id],
    queryFn: ({ signal }) => api<Job<Result>>(`/jobs/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : JOB_POLL_MS),
    // A poll that fails once (a network blip) should not end the follow-up.
    retry: 3,
    staleTime: 0,
  });
}
