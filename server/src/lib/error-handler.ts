import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { isPoolQueueTimeout, isWorkAbandoned } from "../db/request-scope.ts";
import { isQueryCanceled } from "./db-errors.ts";
import { AppError, type ErrorCode } from "./errors.ts";
import { clientGone } from "./request-guard.ts";

const zodLocales = { vi: z.locales.vi(), en: z.locales.en() };

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** zod issues → [{path, message}] in the caller's language. */
function validationDetails(req: FastifyRequest, items: ValidationItem[], context: string | undefined) {
  const locale = zodLocales[req.lang];
  return items.map((item) => {
    const path = [context, ...item.instancePath.split("/").filter(Boolean)].filter(Boolean).join(".");
    const issue = { code: item.keyword, path: [], ...item.params } as never;
    const text = (m: unknown) => (typeof m === "string" ? m : ((m as { message?: string })?.message ?? ""));
    // A schema's own message (bilingual "vi / en") differs from zod's default English one: keep it.
    const custom = item.keyword === "custom" || item.message !== text(zodLocales.en.localeError(issue));
    return { path, message: custom ? item.message : text(locale.localeError(issue)) };
  });
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_REQUEST",
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_REQUEST",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "MALFORMED_REQUEST",
};

/**
 * The one error handler: every error leaves as {"error":{code,message,details}}; only unknown
 * errors are logged as errors, and they never show a stack or a driver message.
 */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let appError: AppError;
  if (clientGone(req) && (isQueryCanceled(error) || isWorkAbandoned(error))) {
    // Nobody reads this answer: the client closed the connection and its statements were cancelled.
    req.log.info("request abandoned by its client");
    return reply.status(503).send(new AppError("UNAVAILABLE").body(req.lang));
  }
  if (error instanceof AppError) {
    appError = error;
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    appError = new AppError("VALIDATION_FAILED", {
      details: validationDetails(
        req,
        error.validation as unknown as ValidationItem[],
        error.validationContext,
      ),
    });
  } else if (error.code && fastifyCodes[error.code]) {
    appError = new AppError(fastifyCodes[error.code] as ErrorCode);
  } else if (isQueryCanceled(error)) {
    appError = new AppError("QUERY_TIMEOUT");
  } else if (isPoolQueueTimeout(error)) {
    // Load shedding: no connection came free in time (lib/request-guard.ts sheds the others at once).
    const retryAfterSeconds = req.server.deps.config.SHED_RETRY_AFTER_SECONDS;
    reply.header("retry-after", String(retryAfterSeconds));
    appError = new AppError("OVERLOADED", {
      details: { reason: "databasePoolQueueTimeout", retryAfterSeconds },
    });
  } else if (error.statusCode === 429) {
    appError = new AppError("RATE_LIMITED");
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors (e.g. a JSON body that does not parse).
    appError = new AppError(error.statusCode === 413 ? "PAYLOAD_TOO_LARGE" : "MALFORMED_REQUEST");
  } else {
    req.log.error({ err: error }, "unhandled error");
    appError = new AppError("INTERNAL", { details: { requestId: String(req.id) } });
  }
  if (appError.status >= 500 && appError.code !== "INTERNAL" && appError.code !== "OVERLOADED")
    req.log.error({ err: error }, appError.code);
  return reply.status(appError.status).send(appError.body(req.lang));
}
