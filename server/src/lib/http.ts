import type { IncomingMessage, ServerResponse } from "node:http";
// The request and reply methods the app's plugins add (cookies, multipart uploads): declared here,
// with the App type, so that every program that reads a route sees them (app.ts registers them).
import type {} from "@fastify/cookie";
import type {} from "@fastify/multipart";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/client.ts";
import type { Actor, Ctx } from "./auth/actor.ts";
import { AppError, type Lang } from "./errors.ts";
import type { EventBus } from "./events.ts";
import type { JobQueue } from "./jobs.ts";
import type { Visibility } from "./policy.ts";
import { readDbOf } from "./read-your-writes.ts";
import type { FileStore } from "./storage.ts";

export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  files: FileStore;
  /** The job queue (features/jobs): background work started by a request, run on any instance. */
  jobs: JobQueue;
  /** The event bus (lib/events.ts): live hints to every instance. */
  events: EventBus;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Required on every /api route: which visibility class guards it (checked at start). */
    visibility?: Visibility;
    /** Reachable while the user must still change a one-time password. */
    allowDuringPasswordChange?: boolean;
    /** A download built while the user waits: its statements get the export statement_timeout. */
    timeout?: "export";
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in actor of a non-public route (the auth hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError("UNAUTHENTICATED");
  return req.actor;
}

/**
 * Where a request's replica-safe reads go — the dashboard, statistics, searches and lists, exports:
 * a read replica when one is usable and the caller has not just written (read-your-writes), else
 * the primary. Without replicas it is `app.deps.db`. Never for a transaction or a write.
 */
export function readDb(req: FastifyRequest): Db {
  return readDbOf(req.server.deps.database, req);
}

export function ctxOf(req: FastifyRequest): Ctx {
  return { actor: req.actor, ip: req.ip, requestId: String(req.id) };
}

/** A route's public description, for the generated security suite and the docs. */
export interface RouteInfo {
  method: string;
  url: string;
  visibility: Visibility;
  allowDuringPasswordChange: boolean;
  /** The route's zod body schema, if it takes a JSON body (the security suite reads its id fields). */
  body?: unknown;
}

/** The longest download name kept (its extension included); longer ones are cut between words. */
const MAX_NAME = 120;

/** `stem` cut to `max` characters at the last separator before it (never inside a word). */
function cutBetweenWords(stem: string, max: number, separator: RegExp): string {
  const chars = [...stem];
  if (chars.length <= max) return stem;
  const head = chars.slice(0, max + 1).join("");
  let at = -1;
  for (const m of head.matchAll(separator)) if (m.index > 0) at = m.index;
  return (at > 0 ? head.slice(0, at) : chars.slice(0, max).join("")).replace(/[\s.,;:–-]+$/u, "");
}

/**
 * A download's names: the Vietnamese one (`filename*`), with no "/" or other character a file
 * system refuses, cut between words; and its ASCII fallback (`filename`) for old clients, the
 * same words folded and joined by dashes ("Kế hoạch số 03-KH/ĐU.docx" → "Ke-hoach-so-03-KH-DU.docx").
 */
export function downloadNames(fileName: string): { utf8: string; ascii: string } {
  const clean = fileName
    .normalize("NFC")
    .replace(/\p{Cc}/gu, "")
    .replace(/\s*[\\/:*?"<>|]+\s*/gu, (m) => (m.trim() === m ? "-" : " - "))
    .replace(/\s+/gu, " ")
    .trim();
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : "";
  const stem = (ext ? clean.slice(0, dot) : clean).replace(/^[\s–-]+|[\s.,;:–-]+$/gu, "") || "Tệp";
  const utf8 = `${cutBetweenWords(stem, MAX_NAME - ext.length, /[\s-]/gu)}${ext}`;
  const folded = stem
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ĐÐ]/gu, "D")
    .replace(/[đð]/gu, "d")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const ascii = `${cutBetweenWords(folded || "tep", MAX_NAME - ext.length, /-/g)}${ext.replace(/[^A-Za-z0-9.]/g, "")}`;
  return { utf8, ascii };
}

/** The Content-Disposition of a download: both names (RFC 6266), inline only where asked. */
export function contentDisposition(fileName: string, inline = false): string {
  const { utf8, ascii } = downloadNames(fileName);
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}

/** Sends a generated .xlsx (a buffer or a stream) as a download named `fileName`. */
export function sendSpreadsheet(reply: FastifyReply, fileName: string, file: unknown) {
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", contentDisposition(fileName))
    .send(file as never);
}
