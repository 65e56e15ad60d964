/**
 * The zip container of an .xlsx, checked before its parts are inflated. A "zip bomb" is a small
 * file whose parts unpack to hundreds of megabytes: the central directory's declared sizes are
 * checked first (no inflating), and since declared sizes can lie, the parts are inflated once
 * more as a stream that stops at the declared size, counting the worksheets' rows on the way.
 */
import { createInflateRaw } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two JSZip, and so exceljs, reads). */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Where the entry's (compressed) bytes start in the file. */
  dataOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const U16 = 0xffff;
const U32 = 0xffffffff;

const u64 = (data: Buffer, offset: number) => Number(data.readBigUInt64LE(offset));

/** Offset of the last end-of-central-directory record (it sits within the last 64 KiB + 22 bytes). */
function endOfDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - U16);
  for (let p = data.length - 22; p >= lowest; p--) if (data.readUInt32LE(p) === END_OF_DIRECTORY) return p;
  return -1;
}

/**
 * The entries of the central directory, or null when the file is not a well-formed zip. The
 * directory must end exactly where the end record says and every entry must point at a local
 * header before it: JSZip would guess around such gaps, and a part it guessed would not be the
 * part checked here.
 */
export function zipEntries(data: Buffer): ZipEntry[] | null {
  const end = endOfDirectory(data);
  if (end < 0) return null;
  let count = data.readUInt16LE(end + 10);
  let directorySize = data.readUInt32LE(end + 12);
  let directoryOffset = data.readUInt32LE(end + 16);
  let directoryEnd = end;
  if (count === U16 || directorySize === U32 || directoryOffset === U32) {
    const locator = end - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const record = u64(data, locator + 8);
    if (record + 56 > locator || data.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY) return null;
    count = u64(data, record + 32);
    directorySize = u64(data, record + 40);
    directoryOffset = u64(data, record + 48);
    directoryEnd = record;
  }
  if (directoryOffset + directorySize !== directoryEnd) return null;

  const entries: ZipEntry[] = [];
  let p = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directoryEnd || data.readUInt32LE(p) !== DIRECTORY_ENTRY) return null;
    const method = data.readUInt16LE(p + 10);
    let compressedSize = data.readUInt32LE(p + 20);
    let size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    let localOffset = data.readUInt32LE(p + 42);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > directoryEnd) return null;
    const name = data.toString("utf8", p + 46, p + 46 + nameLength);
    // ZIP64: the 8-byte values stand in the extra field, in this order, for those set to 0xFFFFFFFF.
    const extraEnd = p + 46 + nameLength + extraLength;
    for (let x = p + 46 + nameLength; x + 4 <= extraEnd; ) {
      const id = data.readUInt16LE(x);
      const length = data.readUInt16LE(x + 2);
      if (id === ZIP64_EXTRA) {
        let q = x + 4;
        const fieldEnd = Math.min(x + 4 + length, extraEnd);
        const take = () => {
          if (q + 8 > fieldEnd) return Number.POSITIVE_INFINITY;
          const v = u64(data, q);
          q += 8;
          return v;
        };
        if (size === U32) size = take();
        if (compressedSize === U32) compressedSize = take();
        if (localOffset === U32) localOffset = take();
      }
      x += 4 + length;
    }
    if (localOffset + 30 > directoryOffset || data.readUInt32LE(localOffset) !== LOCAL_HEADER) return null;
    const dataOffset =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > directoryOffset) return null;
    entries.push({ name, method, compressedSize, size, dataOffset });
    p = next;
  }
  return p === directoryEnd ? entries : null;
}

export interface ArchiveLimits {
  /** Most entries (an .xlsx of one sheet has about ten). */
  maxEntries: number;
  /** Largest sum of the declared uncompressed sizes, bytes. */
  maxUnpackedBytes: number;
  /** Highest declared uncompressed / compressed ratio of an entry larger than RATIO_FROM bytes. */
  maxRatio: number;
}

/** Small parts (styles, an empty sheet) may compress very well and unpack to little: not judged by ratio. */
const RATIO_FROM = 1024 * 1024;

export type DeclaredProblem = "entries" | "unpacked" | "ratio";

/** What the central directory declares, against the limits: no byte is inflated. */
export function declaredProblem(entries: ZipEntry[], limits: ArchiveLimits): DeclaredProblem | null {
  if (entries.length > limits.maxEntries) return "entries";
  if (entries.reduce((total, e) => total + e.size, 0) > limits.maxUnpackedBytes) return "unpacked";
  const packedTight = (e: ZipEntry) => e.size > RATIO_FROM && e.size > e.compressedSize * limits.maxRatio;
  return entries.some(packedTight) ? "ratio" : null;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/u;
/** Row starts and ends, cell values (<v>) and inline strings (<is>). exceljs reads no prefixed (x:row) tags either. */
const TAG = /<(?:\/row>|row[\s/>]|v[\s>]|is>)/g;
/** A tag longer than this is not SpreadsheetML: its carried start is dropped rather than grown. */
const MAX_TAG = 4096;

/**
 * Counts the rows of a worksheet's XML that hold at least one value, chunk by chunk. Tag names
 * are ASCII, so the bytes are read as Latin-1: a multi-byte character split between two chunks
 * cannot garble a tag.
 */
class RowCounter {
  rows = 0;
  private carry = "";
  private inRow = false;
  private hasValue = false;

  feed(chunk: Buffer) {
    let text = this.carry + chunk.toString("latin1");
    const open = text.lastIndexOf("<");
    if (open >= 0 && text.indexOf(">", open) < 0) {
      this.carry = text.length - open > MAX_TAG ? "" : text.slice(open);
      text = text.slice(0, open);
    } else this.carry = "";
    for (const { 0: tag, index } of text.matchAll(TAG)) {
      if (tag === "</row>") {
        if (this.inRow && this.hasValue) this.rows++;
        this.inRow = false;
      } else if (tag.startsWith("<row")) {
        // <row …/> holds nothing; every tag of `text` is whole, so its ">" is there.
        this.inRow = text[text.indexOf(">", index) - 1] !== "/";
        this.hasValue = false;
      } else if (this.inRow) this.hasValue = true;
    }
  }
}

type InflateEnd = "ok" | "over" | "corrupt" | "stopped";

/** Inflates a deflated entry as a stream, keeping nothing, and stops past `limit` bytes or when `onChunk` says so. */
function inflateCounting(
  input: Buffer,
  limit: number,
  onChunk: (chunk: Buffer) => boolean,
): Promise<InflateEnd> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let total = 0;
    let done = false;
    const finish = (end: InflateEnd) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(end);
    };
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) finish("over");
      else if (!onChunk(chunk)) finish("stopped");
    });
    inflate.on("error", () => finish("corrupt"));
    inflate.on("end", () => finish("ok"));
    inflate.end(input);
  });
}

export type InflatedProblem = "mismatch" | "corrupt" | "rows";

/**
 * Inflates every entry once, keeping nothing: an entry that unpacks to more than it declares is a
 * "mismatch" (a lie, perhaps a bomb), one that does not inflate is "corrupt", and a worksheet with
 * more than `maxRows` rows holding values stops the check at once ("rows").
 */
export async function inflatedProblem(
  data: Buffer,
  entries: ZipEntry[],
  maxRows: number | undefined,
): Promise<InflatedProblem | null> {
  for (const e of entries) {
    const counter = maxRows !== undefined && WORKSHEET.test(e.name) ? new RowCounter() : null;
    const onChunk = (chunk: Buffer) => {
      counter?.feed(chunk);
      return !counter || counter.rows <= (maxRows ?? 0);
    };
    const input = data.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let end: InflateEnd;
    if (e.method === 0) end = input.length > e.size ? "over" : onChunk(input) ? "ok" : "stopped";
    else if (e.method === 8) end = await inflateCounting(input, e.size, onChunk);
    else end = "corrupt";
    if (end === "over") return "mismatch";
    if (end === "corrupt") return "corrupt";
    if (end === "stopped") return "rows";
  }
  return null;
}
