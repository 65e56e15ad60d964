import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** A long task on the server (an import, a big export) that the page follows until it ends. */
export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface Job<Result = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  result: Result | null;
  error: { code: string; message: string; details?: unknown } | null;
  createdAt?: string;
  finishedAt?: string | null;
}

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
