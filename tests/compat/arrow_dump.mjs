// Reads an Arrow IPC file or stream with the reference implementation and prints a canonical
// dump, one JSON object per line: {"num_rows","num_columns"}, then per column
// {"name","type","nullable","values"}. Values: null for nulls; 64-bit integers and timestamps as
// decimal strings; floats as strings with full precision; 8-32 bit integers and date32 (days) as
// numbers. Usage: node arrow_dump.mjs <path>
import { readFileSync } from 'node:fs';
import { tableFromIPC, Type } from 'apache-arrow';
import { typeName, floatText } from './arrow_common.mjs';

const bit = (bytes, i) => (bytes[i >> 3] >> (i & 7)) & 1;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function chunkValues(d, out) {
  const t = d.type;
  for (let j = 0; j < d.length; ++j) {
    // Data decoded from IPC has offset 0; bitmaps are addressed with the offset, value arrays
    // are already cut to the chunk.
    const valid = d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0 || bit(d.nullBitmap, d.offset + j);
    if (!valid) { out.push(null); continue; }
    switch (t.typeId) {
      case Type.Bool: out.push(bit(d.values, d.offset + j) === 1); break;
      case Type.Float: out.push(floatText(d.values[j])); break;
      case Type.Utf8:
      case Type.LargeUtf8: {
        const o = d.valueOffsets;
        out.push(utf8.decode(d.values.subarray(Number(o[j]), Number(o[j + 1]))));
        break;
      }
      default: {
        const v = d.values[j];
        out.push(typeof v === 'bigint' ? v.toString() : v);
      }
    }
  }
}

const table = tableFromIPC(readFileSync(process.argv[2]));
const lines = [JSON.stringify({ num_rows: table.numRows, num_columns: table.numCols })];
table.schema.fields.forEach((f, c) => {
  const values = [];
  for (const d of table.getChildAt(c).data) chunkValues(d, values);
  lines.push(JSON.stringify({ name: f.name, type: typeName(f.type), nullable: f.nullable, values }));
});
process.stdout.write(lines.join('\n') + '\n');
