/** True when a driver error (node-postgres or PGlite, possibly wrapped by Drizzle) is a unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  ) {
    if (e.code === "23505") return !constraint || e.constraint === constraint || !e.constraint;
  }
  return false;
}

/**
 * True when the database stopped the statement (SQLSTATE 57014 query_canceled): its
 * statement_timeout passed, or it was cancelled (the request's client went away).
 */
export function isQueryCanceled(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === "57014") return true;
  }
  return false;
}
