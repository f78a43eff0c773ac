// Writes an Arrow IPC file or stream with the reference implementation from a JSON description:
// {"format": "file"|"stream", "compression": null|"lz4", "batch_rows": N (0 = one batch),
//  "columns": [{"name","type","nullable","values"}]} with values encoded as arrow_dump.mjs prints
// them. Usage: node arrow_make.mjs <description.json> <output path>
import { readFileSync, writeFileSync } from 'node:fs';
import {
  makeData, Field, Schema, Struct, RecordBatch, Table, Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32,
  Uint64, Float32, Float64, Utf8, LargeUtf8, DateDay, Timestamp, RecordBatchFileWriter, RecordBatchStreamWriter,
  CompressionType,
} from 'apache-arrow';
import { UNIT_OF } from './arrow_common.mjs';

const FIXED = {
  int8: [Int8, Int8Array], int16: [Int16, Int16Array], int32: [Int32, Int32Array], int64: [Int64, BigInt64Array],
  uint8: [Uint8, Uint8Array], uint16: [Uint16, Uint16Array], uint32: [Uint32, Uint32Array], uint64: [Uint64, BigUint64Array],
  float32: [Float32, Float32Array], float64: [Float64, Float64Array], date32: [DateDay, Int32Array],
};

function arrowType(name) {
  if (FIXED[name]) return new FIXED[name][0]();
  if (name === 'bool') return new Bool();
  if (name === 'utf8') return new Utf8();
  if (name === 'large_utf8') return new LargeUtf8();
  const m = /^timestamp\[(s|ms|us|ns)(?:, tz=(.*))?\]$/.exec(name);
  if (m) return new Timestamp(UNIT_OF[m[1]], m[2] ?? null);
  throw new Error(`unknown type ${name}`);
}

function convert(name, v) {
  if (name.startsWith('float')) return Number(v);  // "NaN", "-Infinity", "-0" included
  if (name.endsWith('64') || name.startsWith('timestamp')) return BigInt(v);
  return v;
}

function columnData(type, name, values) {
  const n = values.length;
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  values.forEach((v, i) => { if (v === null) ++nullCount; else bitmap[i >> 3] |= 1 << (i & 7); });
  const nullBitmap = nullCount > 0 ? bitmap : undefined;
  if (name === 'bool') {
    const bits = new Uint8Array(Math.ceil(n / 8));
    values.forEach((v, i) => { if (v === true) bits[i >> 3] |= 1 << (i & 7); });
    return makeData({ type, length: n, nullCount, nullBitmap, data: bits });
  }
  if (name === 'utf8' || name === 'large_utf8') {
    const enc = new TextEncoder();
    const parts = values.map((v) => (v === null ? new Uint8Array(0) : enc.encode(v)));
    const large = name === 'large_utf8';
    const offsets = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
    let total = 0;
    parts.forEach((p, i) => { total += p.length; offsets[i + 1] = large ? BigInt(total) : total; });
    const data = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { data.set(p, at); at += p.length; }
    return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: offsets, data });
  }
  const ArrayType = name.startsWith('timestamp') ? BigInt64Array : FIXED[name][1];
  const arr = new ArrayType(n);
  values.forEach((v, i) => { if (v !== null) arr[i] = convert(name, v); });
  return makeData({ type, length: n, nullCount, nullBitmap, data: arr });
}

const desc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const fields = desc.columns.map((c) => new Field(c.name, arrowType(c.type), c.nullable));
const schema = new Schema(fields);
const rows = desc.columns.length ? desc.columns[0].values.length : 0;
const step = desc.batch_rows > 0 ? desc.batch_rows : Math.max(rows, 1);
const batches = [];
for (let start = 0; start < rows || (rows === 0 && batches.length === 0); start += step) {
  const n = Math.min(step, rows - start);
  const children = desc.columns.map((c, i) => columnData(fields[i].type, c.type, c.values.slice(start, start + n)));
  batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children })));
  if (rows === 0) break;
}
const table = new Table(schema, batches);
const compressionType = desc.compression === 'lz4' ? CompressionType.LZ4_FRAME : null;
const Writer = desc.format === 'stream' ? RecordBatchStreamWriter : RecordBatchFileWriter;
writeFileSync(process.argv[3], Writer.writeAll(table, { compressionType }).toUint8Array(true));
