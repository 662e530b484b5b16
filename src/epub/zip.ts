/**
 * A minimal, deterministic zip writer on Node's native zlib: entries in the given order, `mimetype`
 * stored, everything else deflated, every entry with the same date. It replaces JSZip's generator (pure
 * JavaScript deflate, several times slower) for the container epub-gen-memory lays out.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Store without compression (the EPUB `mimetype` must be). */
  store?: boolean;
}

/** MS-DOS date and time fields, from the UTC parts of `date` (clamped to 1980, the format's epoch). */
function dosDateTime(date: Date): { time: number; day: number } {
  const d = date.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : date;
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    day: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Fields {
  method: number;
  time: number;
  day: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/** The run of fields that local headers (at 4) and central directory entries (at 6) share. */
function writeFields(buf: Buffer, at: number, f: Fields): void {
  buf.writeUInt16LE(20, at); // version needed to extract: 2.0
  buf.writeUInt16LE(0x0800, at + 2); // flags: names are UTF-8
  buf.writeUInt16LE(f.method, at + 4);
  buf.writeUInt16LE(f.time, at + 6);
  buf.writeUInt16LE(f.day, at + 8);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.compressed, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.nameLength, at + 22);
}

export function writeZip(entries: ZipEntry[], date: Date): Uint8Array {
  const { time, day } = dosDateTime(date);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(entry.data);
    const body = entry.store ? Buffer.from(entry.data) : zlib.deflateRawSync(entry.data, { level: 9 });
    const method = entry.store ? 0 : 8;
    const fields: Fields = {
      method,
      time,
      day,
      crc,
      compressed: body.length,
      size: entry.data.length,
      nameLength: name.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeFields(local, 4, fields);
    chunks.push(local, name, body);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    writeFields(dir, 6, fields);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}
