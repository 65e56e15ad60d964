import { isApiError } from "../lib/api";
import { ErrorAlert } from "./ListStates";
import { NotFoundPage } from "./NotFoundPage";

/**
 * A page whose object could not be read: the not-found page when it is gone, out of the user's
 * scope or its address malformed (the server answers 404 alike); otherwise the error, with a retry.
 */
export function QueryFailure({ query }: { query: { error: unknown; refetch: () => unknown } }) {
  if (isApiError(query.error, "NOT_FOUND") || isApiError(query.error, "VALIDATION_FAILED"))
    return <NotFoundPage />;
  return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
}
