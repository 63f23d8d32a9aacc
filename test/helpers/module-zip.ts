// Go module zips (golang.org/x/mod/zip layout): every file under "module@version/".
// Stored, not deflated: go accepts either, and this keeps the writer tiny.
import * as zlib from 'node:zlib';

interface Entry {
  name: Buffer;
  data: Buffer;
  crc: number;
  offset: number;
}

export function zipModule(modulePath: string, version: string, files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const [rel, text] of Object.entries(files)) {
    const name = Buffer.from(`${modulePath}@${version}/${rel}`);
    const data = Buffer.from(text);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, data);
    entries.push({ name, data, crc, offset });
    offset += local.length + name.length + data.length;
  }
  const centralStart = offset;
  for (const e of entries) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(e.offset, 42);
    parts.push(central, e.name);
    offset += central.length + e.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
