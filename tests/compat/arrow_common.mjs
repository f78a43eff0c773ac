// Shared by the compat scripts: codec registration and DeepRC's canonical type names.
import { compressionRegistry, CompressionType, Type, TimeUnit, DateUnit, Precision } from 'apache-arrow';
import lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';

// apache-arrow JS ships no codecs; it calls whatever is registered. lz4js handles LZ4 frames
// both ways; fzstd only decodes, so the reference can read ZSTD but not write it. Results are
// copied into fresh arrays: apache-arrow views them as BigInt64Array etc., which needs an
// aligned byteOffset.
compressionRegistry.set(CompressionType.LZ4_FRAME, {
  encode: (data) => Uint8Array.from(lz4.compress(data)),
  decode: (data) => Uint8Array.from(lz4.decompress(data)),
});
compressionRegistry.set(CompressionType.ZSTD, { decode: (data) => new Uint8Array(zstdDecompress(data)) });

const UNIT = { [TimeUnit.SECOND]: 's', [TimeUnit.MILLISECOND]: 'ms', [TimeUnit.MICROSECOND]: 'us', [TimeUnit.NANOSECOND]: 'ns' };
export const UNIT_OF = { s: TimeUnit.SECOND, ms: TimeUnit.MILLISECOND, us: TimeUnit.MICROSECOND, ns: TimeUnit.NANOSECOND };

// The same spelling as deeprc::DataType::to_string().
export function typeName(t) {
  switch (t.typeId) {
    case Type.Bool: return 'bool';
    case Type.Int: return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    case Type.Float:
      if (t.precision === Precision.SINGLE) return 'float32';
      if (t.precision === Precision.DOUBLE) return 'float64';
      return 'float16';
    case Type.Utf8: return 'utf8';
    case Type.LargeUtf8: return 'large_utf8';
    case Type.Date: return t.unit === DateUnit.DAY ? 'date32' : 'date64';
    case Type.Timestamp: return `timestamp[${UNIT[t.unit]}${t.timezone ? ', tz=' + t.timezone : ''}]`;
    default: return `unsupported:${t}`;
  }
}

// Floats as JavaScript prints them (shortest round-trip digits), keeping the sign of zero.
export function floatText(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}
