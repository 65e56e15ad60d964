import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "../config.ts";

/** Where uploaded and generated files live: a directory (default) or an S3-compatible bucket. */
export interface FileStore {
  kind: "local" | "s3";
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /**
   * Moves a file made on the local disk (a big generated export) into the store under a key,
   * without reading it into memory; the source file is gone afterwards.
   */
  putFile(key: string, sourcePath: string, contentType: string): Promise<void>;
  /** The bytes under a key; a key with no bytes throws `MissingFileError`. */
  get(key: string): Promise<Buffer>;
  /** The bytes under a key as a stream, with their size (for files too big to hold in memory). */
  open(key: string): Promise<{ stream: Readable; size: number }>;
  delete(key: string): Promise<void>;
}

/** A file's row exists but the store has no bytes under its key (lost, or not restored). */
export class MissingFileError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`no bytes in the file store under ${key}`);
    this.key = key;
  }
}

/** The local file store's directory: what `cli backup` archives when the files are not in S3. */
export const localFilesDir = (dataDir: string) => path.join(dataDir, "files");

/** Files under DATA_DIR/files, one directory level per key segment. */
export function localFileStore(dir: string): FileStore {
  const full = (key: string) => {
    const target = path.resolve(dir, key);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`bad file key ${key}`);
    return target;
  };
  return {
    kind: "local",
    async put(key, data) {
      const target = full(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temp, data);
      await fs.rename(temp, target); // a reader never sees half a file
    },
    async putFile(key, sourcePath) {
      const target = full(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.rename(sourcePath, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        // Another file system: copied beside the target first, so a reader never sees half a file.
        const temp = `${target}.${process.pid}.tmp`;
        await fs.copyFile(sourcePath, temp);
        await fs.rename(temp, target);
        await fs.rm(sourcePath, { force: true });
      }
    },
    async get(key) {
      try {
        return await fs.readFile(full(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new MissingFileError(key);
        throw error;
      }
    },
    async open(key) {
      const handle = await fs.open(full(key), "r").catch((error: NodeJS.ErrnoException) => {
        throw error.code === "ENOENT" ? new MissingFileError(key) : error;
      });
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    },
    async delete(key) {
      await fs.rm(full(key), { force: true });
    },
  };
}

/** An S3-compatible bucket (AWS, MinIO, Ceph, …), through the AWS SDK loaded only when configured. */
export async function s3FileStore(config: Config): Promise<FileStore> {
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } = await import(
    "@aws-sdk/client-s3"
  );
  const client = new S3Client({
    region: config.S3_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? {
          credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
        }
      : {}),
  });
  const Bucket = config.S3_BUCKET as string;
  return {
    kind: "s3",
    async put(key, data, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: data, ContentType: contentType }));
    },
    async putFile(key, sourcePath, contentType) {
      const { size } = await fs.stat(sourcePath);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: createReadStream(sourcePath),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
      await fs.rm(sourcePath, { force: true });
    },
    async get(key) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key })).catch((error) => {
        throw (error as Error).name === "NoSuchKey" ? new MissingFileError(key) : error;
      });
      return Buffer.from(
        await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    },
    async open(key) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key })).catch((error) => {
        throw (error as Error).name === "NoSuchKey" ? new MissingFileError(key) : error;
      });
      // In Node the SDK's body is a Readable (an IncomingMessage).
      return { stream: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}

export function openFileStore(config: Config): Promise<FileStore> | FileStore {
  return config.S3_BUCKET ? s3FileStore(config) : localFileStore(localFilesDir(config.dataDir));
}
