import { createHash } from "node:crypto";
import fs from "node:fs";

/**
 * The backup's container: a plain POSIX tar (ustar, with pax records for long names and large
 * sizes), written and read with synchronous file I/O so that a file store of any size streams
 * through in 1 MB chunks. `tar -tf` lists it and `tar -xf` unpacks it by hand.
 */
const BLOCK = 512;
const CHUNK = 1 << 20;
const MAX_OCTAL_SIZE = 0o77777777777;

const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;

function header(name: string, size: number, type: "0" | "x", mtime: number) {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write(octal(0o644, 8), 100, "latin1");
  block.write(octal(0, 8), 108, "latin1");
  block.write(octal(0, 8), 116, "latin1");
  block.write(octal(Math.min(size, MAX_OCTAL_SIZE), 12), 124, "latin1");
  block.write(octal(Math.floor(mtime), 12), 136, "latin1");
  block.write(" ".repeat(8), 148, "latin1");
  block.write(type, 156, "latin1");
  block.write("ustar\u000000", 257, "latin1");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

/** A pax extended header record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string) {
  const rest = ` ${key}=${value}\n`;
  const bytes = Buffer.byteLength(rest);
  let length = bytes + String(bytes).length;
  if (String(length).length !== String(bytes).length) length = bytes + String(length).length;
  return `${length}${rest}`;
}

export class TarWriter {
  private readonly fd: number;
  private readonly mtime = Date.now() / 1000;

  constructor(file: string) {
    this.fd = fs.openSync(file, "w");
  }

  private begin(name: string, size: number) {
    const plain = Buffer.byteLength(name) === name.length && name.length <= 100;
    if (!plain || size > MAX_OCTAL_SIZE) {
      const pax = Buffer.from(
        paxRecord("path", name) + (size > MAX_OCTAL_SIZE ? paxRecord("size", String(size)) : ""),
      );
      fs.writeSync(this.fd, header("PaxHeader", pax.length, "x", this.mtime));
      this.write(pax);
    }
    fs.writeSync(this.fd, header(name.slice(0, 100), size, "0", this.mtime));
  }

  private write(data: Buffer) {
    fs.writeSync(this.fd, data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) fs.writeSync(this.fd, Buffer.alloc(pad));
  }

  add(name: string, data: Buffer) {
    this.begin(name, data.length);
    this.write(data);
  }

  /** Copies a file into the archive; returns the SHA-256 of what was copied. */
  addFile(name: string, source: string) {
    const size = fs.statSync(source).size;
    this.begin(name, size);
    const hash = createHash("sha256");
    const input = fs.openSync(source, "r");
    try {
      const chunk = Buffer.alloc(CHUNK);
      let copied = 0;
      while (copied < size) {
        const n = fs.readSync(input, chunk, 0, Math.min(CHUNK, size - copied), copied);
        if (n === 0) throw new Error(`${source} shrank while it was being archived`);
        hash.update(chunk.subarray(0, n));
        fs.writeSync(this.fd, chunk, 0, n);
        copied += n;
      }
    } finally {
      fs.closeSync(input);
    }
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) fs.writeSync(this.fd, Buffer.alloc(pad));
    return hash.digest("hex");
  }

  close() {
    fs.writeSync(this.fd, Buffer.alloc(2 * BLOCK));
    fs.closeSync(this.fd);
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Where the entry's bytes start in the archive. */
  offset: number;
}

const field = (block: Buffer, start: number, length: number) =>
  block.toString("utf8", start, start + length).replace(/\0[\s\S]*$/, "");

/** The regular files of a tar archive, or null when the file is not a tar archive. */
export function listTar(file: string): TarEntry[] | null {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const entries: TarEntry[] = [];
    const block = Buffer.alloc(BLOCK);
    let position = 0;
    let pax: Record<string, string> = {};
    while (position + BLOCK <= size) {
      fs.readSync(fd, block, 0, BLOCK, position);
      if (block.every((byte) => byte === 0)) return entries;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
      if (Number.parseInt(field(block, 148, 8).trim(), 8) !== sum) return null;
      const type = field(block, 156, 1) || "0";
      const prefix = field(block, 345, 155);
      const name = pax.path ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
      const length = pax.size ? Number(pax.size) : Number.parseInt(field(block, 124, 12).trim() || "0", 8);
      const offset = position + BLOCK;
      position = offset + Math.ceil(length / BLOCK) * BLOCK;
      if (position > size) return null;
      if (type === "x") {
        const text = readEntry(file, { name: "", size: length, offset }).toString("utf8");
        pax = {};
        for (const match of text.matchAll(/^\d+ ([^=\n]+)=(.*)$/gm))
          pax[match[1] as string] = match[2] as string;
        continue;
      }
      pax = {};
      if (type === "0") entries.push({ name, size: length, offset });
    }
    return entries.length ? entries : null;
  } finally {
    fs.closeSync(fd);
  }
}

export function readEntry(file: string, entry: TarEntry) {
  const fd = fs.openSync(file, "r");
  try {
    const data = Buffer.alloc(entry.size);
    fs.readSync(fd, data, 0, entry.size, entry.offset);
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies an entry's bytes to a file; returns their SHA-256. */
export function extractEntry(file: string, entry: TarEntry, target: string) {
  const input = fs.openSync(file, "r");
  const output = fs.openSync(target, "w");
  const hash = createHash("sha256");
  try {
    const chunk = Buffer.alloc(CHUNK);
    for (let copied = 0; copied < entry.size; ) {
      const n = fs.readSync(input, chunk, 0, Math.min(CHUNK, entry.size - copied), entry.offset + copied);
      if (n === 0) throw new Error(`the archive ends inside ${entry.name}`);
      hash.update(chunk.subarray(0, n));
      fs.writeSync(output, chunk, 0, n);
      copied += n;
    }
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  return hash.digest("hex");
}
