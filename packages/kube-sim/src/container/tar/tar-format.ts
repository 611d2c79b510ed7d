/**
 * The tar wire format. Writing produces GNU-format archives like GNU tar's default (magic
 * "ustar  ", `././@LongLink` entries for names over 100 bytes, 10 KiB records). Reading
 * accepts POSIX ustar (with the prefix field), GNU long names and pax extended headers, which
 * covers GNU tar, busybox and Go's archive/tar (what kubectl sends).
 */

export const BLOCK = 512;
const RECORD = 20 * BLOCK;

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'other';

export interface TarEntry {
  /** Member name as stored (directories end with '/'). */
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  size: number;
  /** Modification time (whole seconds on the wire, fractional seconds from pax). */
  mtime: Date;
  linkName: string;
  devMajor: number;
  devMinor: number;
  data: Uint8Array;
}

export class TarFormatError extends Error {}

const TYPE_FLAGS: Record<TarEntryType, string> = {
  file: '0',
  dir: '5',
  symlink: '2',
  hardlink: '1',
  chardev: '3',
  other: '0',
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, length), offset);
}

/** Octal, zero-padded to length-1 digits plus NUL (what GNU tar writes). */
function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  const digits = Math.max(0, Math.floor(value)).toString(8);
  if (digits.length > length - 1) {
    // base-256 for values that do not fit (files over 8 GiB); first byte flags it.
    let v = BigInt(Math.floor(value));
    for (let i = length - 1; i > 0; i--) {
      block[offset + i] = Number(v & 0xffn);
      v >>= 8n;
    }
    block[offset] = 0x80;
    return;
  }
  writeString(block, offset, length - 1, digits.padStart(length - 1, '0'));
}

function checksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum;
}

function header(fields: {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkName: string;
  uname: string;
  gname: string;
  devMajor?: number;
  devMinor?: number;
}): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, 100, fields.name);
  writeOctal(block, 100, 8, fields.mode & 0o7777);
  writeOctal(block, 108, 8, fields.uid);
  writeOctal(block, 116, 8, fields.gid);
  writeOctal(block, 124, 12, fields.size);
  writeOctal(block, 136, 12, fields.mtime);
  writeString(block, 156, 1, fields.typeflag);
  writeString(block, 157, 100, fields.linkName);
  writeString(block, 257, 8, 'ustar  \0');
  writeString(block, 265, 32, fields.uname);
  writeString(block, 297, 32, fields.gname);
  if (fields.typeflag === '3' || fields.typeflag === '4') {
    writeOctal(block, 329, 8, fields.devMajor ?? 0);
    writeOctal(block, 337, 8, fields.devMinor ?? 0);
  }
  writeString(block, 148, 8, checksum(block).toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function padded(data: Uint8Array): Uint8Array {
  const size = Math.ceil(data.length / BLOCK) * BLOCK;
  if (size === data.length) return data;
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}

/** Blocks for one member: optional GNU long-name/long-link headers, the header, the data. */
export function encodeEntry(entry: TarEntry): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  const longHeader = (typeflag: 'L' | 'K', value: string) => {
    const bytes = encoder.encode(value + '\0');
    blocks.push(
      header({
        name: '././@LongLink',
        mode: 0o644,
        uid: 0,
        gid: 0,
        size: bytes.length,
        mtime: 0,
        typeflag,
        linkName: '',
        uname: 'root',
        gname: 'root',
      }),
    );
    blocks.push(padded(bytes));
  };
  if (encoder.encode(entry.linkName).length > 100) longHeader('K', entry.linkName);
  if (encoder.encode(entry.name).length > 100) longHeader('L', entry.name);
  const size = entry.type === 'file' ? entry.data.length : 0;
  blocks.push(
    header({
      name: entry.name,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      size,
      mtime: Math.floor(entry.mtime.getTime() / 1000),
      typeflag: TYPE_FLAGS[entry.type],
      linkName: entry.linkName,
      uname: entry.uname,
      gname: entry.gname,
      devMajor: entry.devMajor,
      devMinor: entry.devMinor,
    }),
  );
  if (size > 0) blocks.push(padded(entry.data));
  return blocks;
}

/** The end-of-archive marker (two zero blocks) padded to a full 10 KiB record. */
export function encodeEnd(bytesSoFar: number): Uint8Array {
  const withMarker = bytesSoFar + 2 * BLOCK;
  return new Uint8Array(Math.ceil(withMarker / RECORD) * RECORD - bytesSoFar);
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function readNumber(block: Uint8Array, offset: number, length: number): number {
  const first = block[offset] as number;
  if (first & 0x80) {
    let value = BigInt(first & 0x7f);
    for (let i = 1; i < length; i++) value = (value << 8n) | BigInt(block[offset + i] as number);
    return Number(value);
  }
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const length = Number(decoder.decode(data.subarray(pos, space)));
    if (!Number.isFinite(length) || length <= 0) throw new TarFormatError('Malformed extended header');
    const record = decoder.decode(data.subarray(space + 1, pos + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

function entryType(flag: string): TarEntryType | 'skip' {
  switch (flag) {
    case '0':
    case '\0':
    case '':
    case '7':
      return 'file';
    case '5':
    case 'D':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    case '3':
      return 'chardev';
    case '4':
    case '6':
      return 'other';
    default:
      return 'skip';
  }
}

/** Decodes every member; throws TarFormatError for garbage or a truncated archive. */
export function* decodeArchive(bytes: Uint8Array): Generator<TarEntry> {
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  const globalPax = new Map<string, string>();
  let sawHeader = false;
  while (pos + BLOCK <= bytes.length) {
    const block = bytes.subarray(pos, pos + BLOCK);
    if (block.every((b) => b === 0)) return;
    const stored = readNumber(block, 148, 8);
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < BLOCK; i++) {
      const b = i >= 148 && i < 156 ? 0x20 : (block[i] as number);
      unsigned += b;
      signed += b > 127 ? b - 256 : b;
    }
    if (stored !== unsigned && stored !== signed) {
      throw new TarFormatError(
        sawHeader ? 'Skipping to next header' : 'This does not look like a tar archive',
      );
    }
    sawHeader = true;
    const flag = String.fromCharCode(block[156] as number);
    const attrs = new Map([...globalPax, ...pax]);
    const size = attrs.has('size') ? Number(attrs.get('size')) : readNumber(block, 124, 12);
    const dataStart = pos + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw new TarFormatError('Unexpected EOF in archive');
    const data = bytes.subarray(dataStart, dataEnd);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'L' || flag === 'K') {
      const value = decoder.decode(data).replace(/\0+$/, '');
      if (flag === 'L') longName = value;
      else longLink = value;
      continue;
    }
    if (flag === 'x' || flag === 'g') {
      const records = parsePax(data);
      if (flag === 'g') for (const [k, v] of records) globalPax.set(k, v);
      else pax = records;
      continue;
    }
    const type = entryType(flag);
    const magic = readString(block, 257, 6);
    const prefix = magic === 'ustar' ? readString(block, 345, 155) : '';
    const rawName = readString(block, 0, 100);
    const name = attrs.get('path') ?? longName ?? (prefix ? `${prefix}/${rawName}` : rawName);
    const mtimeSeconds = attrs.has('mtime') ? Number(attrs.get('mtime')) : readNumber(block, 136, 12);
    const linkName = attrs.get('linkpath') ?? longLink ?? readString(block, 157, 100);
    longName = longLink = undefined;
    pax = new Map();
    if (type === 'skip') continue;
    yield {
      name,
      type: type === 'file' && name.endsWith('/') ? 'dir' : type,
      mode: readNumber(block, 100, 8) & 0o7777,
      uid: attrs.has('uid') ? Number(attrs.get('uid')) : readNumber(block, 108, 8),
      gid: attrs.has('gid') ? Number(attrs.get('gid')) : readNumber(block, 116, 8),
      uname: attrs.get('uname') ?? readString(block, 265, 32),
      gname: attrs.get('gname') ?? readString(block, 297, 32),
      size: type === 'file' ? size : 0,
      mtime: new Date(Math.round(mtimeSeconds * 1000)),
      linkName,
      devMajor: readNumber(block, 329, 8),
      devMinor: readNumber(block, 337, 8),
      data: type === 'file' ? data : new Uint8Array(0),
    };
  }
  if (pos < bytes.length) throw new TarFormatError('Unexpected EOF in archive');
}
