import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";

/** Where uploaded and generated files live: a directory (default) or an S3-compatible bucket. */
export interface FileStore {
  kind: "local" | "s3";
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The bytes under a key; a key with no bytes throws `MissingFileError`. */
  get(key: string): Promise<Buffer>;
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
    async get(key) {
      try {
        return await fs.readFile(full(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new MissingFileError(key);
        throw error;
      }
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
    async get(key) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key })).catch((error) => {
        throw (error as Error).name === "NoSuchKey" ? new MissingFileError(key) : error;
      });
      return Buffer.from(
        await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}

export function openFileStore(config: Config): Promise<FileStore> | FileStore {
  return config.S3_BUCKET ? s3FileStore(config) : localFileStore(localFilesDir(config.dataDir));
}
