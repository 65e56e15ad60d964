import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

/**
 * A Redis connection, ready (or warned about) before it is returned, for what the instances share (rate-limit counters). A command fails fast
 * while Redis is away (no queue of commands waiting for it), and the connection keeps retrying.
 */
export async function openRedis(url: string, log: Pick<FastifyBaseLogger, "warn">): Promise<Redis> {
  const redis = new Redis(url, {
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  let warned = false;
  redis.on("error", (error) => {
    if (warned) return;
    warned = true;
    log.warn({ err: error }, "Redis unavailable: rate limits are not shared until it answers");
  });
  redis.on("ready", () => {
    warned = false;
  });
  // Connected before the first request is counted; a Redis that is away at start is retried.
  await redis.connect().catch(() => {});
  return redis;
}
