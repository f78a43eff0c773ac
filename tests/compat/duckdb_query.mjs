// Runs SQL in DuckDB (@duckdb/node-api) for the differential tests (tests/native/duckdb_diff_test.cpp).
// usage: node duckdb_query.mjs CSV_DIR SQL_FILE
//
// SQL_FILE holds statements separated by lines of exactly "-- @@"; "{dir}" in a statement is
// replaced by CSV_DIR (where the test wrote its input tables as CSV). A statement whose first line
// is "-- result NAME" has its rows printed, one process serving every query of a test:
//   @@result NAME
//   <one line per row: values separated by TAB>
//   @@end
// Values: NULL as \N; integers in decimal; doubles as JavaScript's shortest round-trip text (the
// test parses them back, so the exact spelling does not matter); strings with backslash, TAB, LF
// and CR escaped as \\ \t \n \r so that a row is always one line.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [dir, sqlFile] = process.argv.slice(2);
if (!dir || !sqlFile) {
  console.error('usage: node duckdb_query.mjs CSV_DIR SQL_FILE');
  process.exit(2);
}

const escapeText = (s) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);

function cell(v) {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return escapeText(v.toString());  // DuckDB value objects (decimals, dates...) print themselves
}

const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await inst.connect();
const statements = readFileSync(sqlFile, 'utf8').split(/^-- @@$/m).map((s) => s.trim()).filter((s) => s.length > 0);
const out = [];
for (const stmt of statements) {
  const sql = stmt.replaceAll('{dir}', dir);
  const m = /^-- result (\S+)/.exec(sql);
  let reader;
  try {
    reader = await con.runAndReadAll(sql);
  } catch (e) {
    console.error(`DuckDB error: ${e.message}\nin statement:\n${sql}`);
    process.exit(1);
  }
  if (!m) continue;
  out.push(`@@result ${m[1]}`);
  for (const row of reader.getRows()) out.push(row.map(cell).join('\t'));
  out.push('@@end');
}
process.stdout.write(out.join('\n') + '\n');
