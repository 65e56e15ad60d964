import path from "node:path";
import type { FastifyCompressOptions } from "@fastify/compress";
import type { FastifyReply } from "fastify";

/**
 * Responses compressed on the fly (API JSON, CSV, HTML, text): text and JSON/XML types, never an
 * event stream. Types that are compressed already (xlsx, docx, pdf, zip, images) and opaque
 * `application/octet-stream` are sent as they are (mime-db marks the former not compressible).
 */
const COMPRESSIBLE = /^text\/(?!event-stream)|[/+](?:json|xml)(?:;|$)|javascript/;

export const compressOptions: FastifyCompressOptions = {
  threshold: 1024,
  encodings: ["br", "gzip"],
  customTypes: (type) => COMPRESSIBLE.test(type),
  // Request bodies are not inflated: the body limit keeps meaning bytes received.
  globalDecompression: false,
};

/** `assets/` holds the build's content-hashed files: a new release changes their names. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Non-hashed public files (favicon, preload.js): a short cache, so a release reaches them soon. */
export const SHORT_CACHE = "public, max-age=3600";

/**
 * Cache policy of a file of the web build (`@fastify/static` `setHeaders`; the path may be a
 * precompressed `.br` or `.gz` copy): hashed assets for a year, `index.html` revalidated on every
 * load (`no-cache`, answered 304 by its ETag) so that a new release is seen at once.
 */
export function setWebCacheHeaders(root: string, reply: FastifyReply, filePath: string) {
  const file = path
    .relative(root, filePath.replace(/\.(?:br|gz)$/, ""))
    .split(path.sep)
    .join("/");
  const policy = file.startsWith("assets/") ? IMMUTABLE : file.endsWith(".html") ? "no-cache" : SHORT_CACHE;
  reply.header("cache-control", policy);
}
