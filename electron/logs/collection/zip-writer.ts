import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { listFilesUnder } from '../analysis/log-folder';

/**
 * A zip of a run folder, for attaching to a bug report: deflate from Node's zlib, ZIP64 where a file or
 * the archive passes 4 GiB. Entries are streamed (sizes and CRC-32 follow each in a data descriptor), so
 * a 1 GB dump costs constant memory. `.part` files are left out: they are not copies.
 */

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;
/** Deflate can grow incompressible data a little; files this close to 4 GiB get ZIP64 sizes up front. */
const ZIP64_FILE = MAX32 - 64 * 1024 * 1024;
const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
const VERSION_ZIP64 = 45;
const VERSION_DEFLATE = 20;

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
  zip64: boolean;
}

/** `forceZip64` writes every size and offset the ZIP64 way, as a run past 4 GiB must; small runs do not need it. */
export async function zipFolder(folder: string, target: string, signal: AbortSignal, forceZip64 = false): Promise<{ size: number; sha256: string }> {
  const part = `${target}.part`;
  const out = await open(part, 'w');
  const writer = new Writer(out);
  const entries: Entry[] = [];
  try {
    for (const path of (await listFilesUnder(folder)).filter((f) => !f.endsWith('.part'))) {
      if (signal.aborted) throw signal.reason;
      const name = Buffer.from([basename(folder), ...relative(folder, path).split(sep)].join('/'), 'utf8');
      entries.push(await addFile(writer, path, name, forceZip64));
    }
    await writeCentralDirectory(writer, entries, forceZip64);
    await out.close();
    await rename(part, target);
  } catch (e) {
    await out.close().catch(() => undefined);
    await rm(part, { force: true });
    throw e;
  }
  const sha256 = createHash('sha256');
  for await (const chunk of createReadStream(target)) sha256.update(chunk as Buffer);
  return { size: (await stat(target)).size, sha256: sha256.digest('hex') };
}

class Writer {
  offset = 0;
  constructor(private readonly file: FileHandle) {}
  async write(data: Buffer): Promise<void> {
    await this.file.write(data, 0, data.length, this.offset);
    this.offset += data.length;
  }
}

async function addFile(writer: Writer, path: string, name: Buffer, forceZip64: boolean): Promise<Entry> {
  const info = await stat(path);
  const { dosTime, dosDate } = dosDateTime(info.mtime);
  const offset = writer.offset;
  const zip64 = forceZip64 || info.size >= ZIP64_FILE || offset >= MAX32;
  const extra = zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFLATE, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt16LE(dosTime, 10);
  header.writeUInt16LE(dosDate, 12);
  // crc and sizes (14..25) follow in the data descriptor; ZIP64 marks the sizes as in the extra field
  if (zip64) {
    header.writeUInt32LE(MAX32, 18);
    header.writeUInt32LE(MAX32, 22);
  }
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  await writer.write(Buffer.concat([header, name, extra]));

  let crc = 0;
  let size = 0;
  let compressed = 0;
  await pipeline(
    createReadStream(path, { highWaterMark: 1024 * 1024 }),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    },
    createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION }),
    async function (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        compressed += chunk.length;
        await writer.write(chunk);
      }
    },
  );

  const descriptor = Buffer.alloc(zip64 ? 24 : 16);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(crc, 4);
  if (zip64) {
    descriptor.writeBigUInt64LE(BigInt(compressed), 8);
    descriptor.writeBigUInt64LE(BigInt(size), 16);
  } else {
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
  }
  await writer.write(descriptor);
  return { name, crc, compressed, size, offset, dosTime, dosDate, zip64 };
}

async function writeCentralDirectory(writer: Writer, entries: Entry[], forceZip64: boolean): Promise<void> {
  const start = writer.offset;
  for (const e of entries) {
    const big = [e.size >= MAX32 || e.zip64 ? e.size : null, e.compressed >= MAX32 || e.zip64 ? e.compressed : null, e.offset >= MAX32 || forceZip64 ? e.offset : null];
    const values = big.filter((v): v is number => v !== null);
    const extra = values.length > 0 ? zip64Extra(values) : Buffer.alloc(0);
    const h = Buffer.alloc(46);
    h.writeUInt32LE(CENTRAL_HEADER, 0);
    h.writeUInt16LE((3 << 8) | VERSION_ZIP64, 4); // made by: Unix, so the modes below count
    h.writeUInt16LE(values.length > 0 ? VERSION_ZIP64 : VERSION_DEFLATE, 6);
    h.writeUInt16LE(FLAGS, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(e.dosTime, 12);
    h.writeUInt16LE(e.dosDate, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(big[1] !== null ? MAX32 : e.compressed, 20);
    h.writeUInt32LE(big[0] !== null ? MAX32 : e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    h.writeUInt32LE(big[2] !== null ? MAX32 : e.offset, 42);
    await writer.write(Buffer.concat([h, e.name, extra]));
  }
  const size = writer.offset - start;
  const zip64 = forceZip64 || entries.length >= 0xffff || start >= MAX32 || size >= MAX32;
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(ZIP64_END, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(VERSION_ZIP64, 12);
    record.writeUInt16LE(VERSION_ZIP64, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(size), 40);
    record.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(ZIP64_LOCATOR, 0);
    locator.writeBigUInt64LE(BigInt(writer.offset), 8);
    locator.writeUInt32LE(1, 16);
    await writer.write(Buffer.concat([record, locator]));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(Math.min(size, MAX32), 12);
  end.writeUInt32LE(Math.min(start, MAX32), 16);
  await writer.write(end);
}

/** The ZIP64 extended information field (0x0001) with the given 8-byte values in the order the format fixes. */
function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
