/* DeepRC native core: the one public header. A flat C ABI.
 *
 * Conventions
 *  - Opaque handles (drc_table, drc_array, drc_schema, drc_status) are created by drc_* calls
 *    and freed by their drc_*_free function. Freeing NULL is a no-op.
 *  - Every fallible call returns drc_status*: NULL means success; otherwise the caller owns the
 *    status and frees it with drc_status_free. Results come back through out-parameters, which are
 *    left untouched on failure.
 *  - Strings are UTF-8. A `char*` returned through an out-parameter is owned by the caller and
 *    freed with drc_string_free. A `const char*` obtained from a handle is borrowed and valid
 *    while that handle lives.
 *  - Handles are immutable after creation and may be shared between threads.
 *  - C# bindings are generated from this file (interop/): keep declarations plain C.
 */
#ifndef DEEPRC_DEEPRC_H
#define DEEPRC_DEEPRC_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define DRC_API __declspec(dllexport)
#else
#define DRC_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Arrow C Data Interface and C Stream Interface (https://arrow.apache.org/docs/format/CDataInterface.html)
 * ------------------------------------------------------------------------------------------- */
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/* ---------------------------------------------------------------------------------------------
 * Versions and status
 * ------------------------------------------------------------------------------------------- */

/* Bumped on every incompatible change; the managed side refuses to load a different value. */
enum drc_abi { DRC_ABI_VERSION = 1 };

enum drc_status_code {
  DRC_STATUS_OK = 0,
  DRC_STATUS_INVALID = 1,       /* bad argument or bad input data */
  DRC_STATUS_IO = 2,            /* file system or OS failure */
  DRC_STATUS_UNSUPPORTED = 3,   /* valid but not supported, e.g. an Arrow type we do not implement */
  DRC_STATUS_OUT_OF_MEMORY = 4,
  DRC_STATUS_INTERNAL = 5,      /* a bug in DeepRC */
  DRC_STATUS_NOT_FOUND = 6,     /* missing column, file or plugin */
  DRC_STATUS_PARSE = 7,         /* malformed data: CSV, Arrow IPC, ... */
  DRC_STATUS_COMM = 8           /* communicator failure: a peer failed or vanished, a timeout, a transport error */
};

typedef struct drc_status drc_status;
typedef struct drc_schema drc_schema;
typedef struct drc_array drc_array;
typedef struct drc_table drc_table;

DRC_API int32_t drc_abi_version(void);
/* Library version, e.g. "0.1.0". Static string. */
DRC_API const char* drc_version_string(void);

DRC_API int32_t drc_status_code(const drc_status* status);
/* Borrowed; valid until the status is freed. */
DRC_API const char* drc_status_message(const drc_status* status);
DRC_API void drc_status_free(drc_status* status);
DRC_API void drc_string_free(char* str);

/* Bytes currently held by DeepRC's own buffers (not counting imported foreign memory). */
DRC_API int64_t drc_bytes_allocated(void);

/* ---------------------------------------------------------------------------------------------
 * Types and schemas
 * ------------------------------------------------------------------------------------------- */

enum drc_type_id {
  DRC_TYPE_BOOL = 1,
  DRC_TYPE_INT8 = 2,
  DRC_TYPE_INT16 = 3,
  DRC_TYPE_INT32 = 4,
  DRC_TYPE_INT64 = 5,
  DRC_TYPE_UINT8 = 6,
  DRC_TYPE_UINT16 = 7,
  DRC_TYPE_UINT32 = 8,
  DRC_TYPE_UINT64 = 9,
  DRC_TYPE_FLOAT32 = 10,
  DRC_TYPE_FLOAT64 = 11,
  DRC_TYPE_UTF8 = 12,
  DRC_TYPE_LARGE_UTF8 = 13,
  DRC_TYPE_DATE32 = 14,
  DRC_TYPE_TIMESTAMP = 15
};

enum drc_time_unit {
  DRC_TIME_UNIT_SECOND = 0,
  DRC_TIME_UNIT_MILLI = 1,
  DRC_TIME_UNIT_MICRO = 2,
  DRC_TIME_UNIT_NANO = 3
};

/* A logical type. `unit` and `timezone` are used by timestamps only; timezone NULL or "" means
 * a naive timestamp. */
typedef struct drc_data_type {
  int32_t id;   /* drc_type_id */
  int32_t unit; /* drc_time_unit */
  const char* timezone;
} drc_data_type;

typedef struct drc_field_info {
  const char* name; /* borrowed from the schema */
  drc_data_type type;
  int32_t nullable;
} drc_field_info;

/* Builds a schema. Fails with INVALID on duplicate or empty names, or an unknown type id. */
DRC_API drc_status* drc_schema_create(const drc_field_info* fields, int32_t num_fields, drc_schema** out);
DRC_API void drc_schema_free(drc_schema* schema);
DRC_API int32_t drc_schema_num_fields(const drc_schema* schema);
DRC_API drc_status* drc_schema_field(const drc_schema* schema, int32_t index, drc_field_info* out);
/* Index of the named field, or -1. */
DRC_API int32_t drc_schema_index_of(const drc_schema* schema, const char* name);
DRC_API drc_status* drc_schema_to_string(const drc_schema* schema, char** out);
/* Parses a type name ("int64", "float64", "utf8", "timestamp[ms, tz=UTC]", ...). On success the
 * timezone pointer in `out` is a static or interned string that stays valid for the process. */
DRC_API drc_status* drc_type_parse(const char* text, drc_data_type* out);

/* ---------------------------------------------------------------------------------------------
 * Arrays (one column)
 * ------------------------------------------------------------------------------------------- */

/* Raw layout of an array, for zero-copy access. Buffers follow the Arrow columnar format and
 * `offset` (in elements) applies to all of them. validity is NULL when null_count == 0.
 * values: fixed-width values, bool bits, or string offsets (int32 for utf8, int64 for
 * large_utf8, length+offset+1 entries). data: string bytes (strings only). */
typedef struct drc_array_info {
  drc_data_type type; /* timezone borrowed from the array */
  int64_t length;
  int64_t null_count;
  int64_t offset;
  const uint8_t* validity;
  const uint8_t* values;
  const uint8_t* data;
  int64_t values_size; /* bytes */
  int64_t data_size;   /* bytes */
} drc_array_info;

DRC_API void drc_array_free(drc_array* array);
DRC_API drc_status* drc_array_info_get(const drc_array* array, drc_array_info* out);
/* Builds an array by COPYING caller buffers laid out as in drc_array_info (offset 0).
 * validity may be NULL (no nulls). data/data_size only for strings. Validates offsets and UTF-8
 * is NOT checked here. */
DRC_API drc_status* drc_array_create(const drc_data_type* type, int64_t length, const uint8_t* validity,
                                     const void* values, const uint8_t* data, int64_t data_size, drc_array** out);
DRC_API drc_status* drc_array_slice(const drc_array* array, int64_t offset, int64_t length, drc_array** out);
DRC_API drc_status* drc_array_equals(const drc_array* a, const drc_array* b, int32_t* out);
/* Value `index` formatted for display ("null" for nulls). */
DRC_API drc_status* drc_array_format_value(const drc_array* array, int64_t index, char** out);

/* ---------------------------------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------------------------------- */

DRC_API void drc_table_free(drc_table* table);
DRC_API int64_t drc_table_num_rows(const drc_table* table);
DRC_API int32_t drc_table_num_columns(const drc_table* table);
DRC_API drc_status* drc_table_schema(const drc_table* table, drc_schema** out);
DRC_API drc_status* drc_table_column(const drc_table* table, int32_t index, drc_array** out);
/* Fails with NOT_FOUND naming the column and listing the available ones. */
DRC_API drc_status* drc_table_column_by_name(const drc_table* table, const char* name, drc_array** out);
/* Assembles a table from arrays (shared, not copied). All columns must match the schema's types
 * and have equal lengths. */
DRC_API drc_status* drc_table_create(const drc_schema* schema, const drc_array* const* columns, int32_t num_columns,
                                     drc_table** out);
DRC_API drc_status* drc_table_slice(const drc_table* table, int64_t offset, int64_t length, drc_table** out);
DRC_API drc_status* drc_table_select(const drc_table* table, const int32_t* indices, int32_t num_indices,
                                     drc_table** out);
/* Gathers rows; indices must be in [0, num_rows). */
DRC_API drc_status* drc_table_take(const drc_table* table, const int64_t* indices, int64_t num_indices,
                                   drc_table** out);
/* Keeps rows where mask (a bool array of num_rows) is true; null mask entries drop the row. */
DRC_API drc_status* drc_table_filter(const drc_table* table, const drc_array* mask, drc_table** out);
DRC_API drc_status* drc_table_concat(const drc_table* const* tables, int32_t num_tables, drc_table** out);
DRC_API drc_status* drc_table_equals(const drc_table* a, const drc_table* b, int32_t* out);
/* Box-drawn table of at most max_rows rows (head and tail); max_rows < 0 prints all rows. */
DRC_API drc_status* drc_table_to_string(const drc_table* table, int64_t max_rows, char** out);

/* ---------------------------------------------------------------------------------------------
 * CSV
 * ------------------------------------------------------------------------------------------- */

typedef struct drc_csv_read_options {
  uint8_t delimiter;          /* default ',' */
  uint8_t quote;              /* default '"'; a doubled quote inside quotes is a literal quote */
  uint8_t has_header;         /* default 1; without a header columns are named f0, f1, ... */
  uint8_t reserved0;
  int32_t num_threads;        /* 0 = all cores (default) */
  int64_t block_size;         /* bytes per parse chunk; 0 = automatic */
  const char* const* null_values; /* tokens read as null; NULL = defaults ("", "NA", "N/A", "null", "NULL", "NaN" is NOT null) */
  int32_t num_null_values;
  int32_t infer_rows;         /* rows sampled for type inference; 0 = automatic */
  const drc_schema* schema;   /* explicit schema (names must match the header when there is one); NULL = infer */
} drc_csv_read_options;

typedef struct drc_csv_write_options {
  uint8_t delimiter;     /* default ',' */
  uint8_t include_header; /* default 1 */
  uint8_t reserved0;
  uint8_t reserved1;
  int32_t reserved2;
  const char* null_value; /* written for nulls; default "" */
} drc_csv_write_options;

DRC_API void drc_csv_read_options_init(drc_csv_read_options* options);
DRC_API void drc_csv_write_options_init(drc_csv_write_options* options);
/* options may be NULL for defaults. Errors name the file, row (1-based line) and column. */
DRC_API drc_status* drc_csv_read(const char* path, const drc_csv_read_options* options, drc_table** out);
/* Writes to a temporary file in the same directory and renames it, so a failure leaves no file. */
DRC_API drc_status* drc_csv_write(const drc_table* table, const char* path, const drc_csv_write_options* options);

/* ---------------------------------------------------------------------------------------------
 * Arrow IPC (stream format and file format / Feather v2)
 * ------------------------------------------------------------------------------------------- */

enum drc_ipc_format { DRC_IPC_STREAM = 0, DRC_IPC_FILE = 1 };
enum drc_compression { DRC_COMPRESSION_NONE = 0, DRC_COMPRESSION_LZ4_FRAME = 1, DRC_COMPRESSION_ZSTD = 2 };

typedef struct drc_ipc_write_options {
  int32_t format;         /* drc_ipc_format; default DRC_IPC_FILE */
  int32_t compression;    /* drc_compression; default NONE */
  int64_t max_batch_rows; /* rows per record batch; 0 = one batch (default) */
} drc_ipc_write_options;

DRC_API void drc_ipc_write_options_init(drc_ipc_write_options* options);
/* Writes to a temporary file and renames it. */
DRC_API drc_status* drc_ipc_write(const drc_table* table, const char* path, const drc_ipc_write_options* options);
/* Reads a file in either IPC format (detected from the content); all batches are concatenated. */
DRC_API drc_status* drc_ipc_read(const char* path, drc_table** out);
/* Reads IPC data (either format) from memory; the bytes are copied as needed. */
DRC_API drc_status* drc_ipc_read_bytes(const uint8_t* bytes, int64_t size, drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Arrow C Data / C Stream interface
 * Export fills caller-allocated structs that the consumer must release. Import MOVES the
 * structs: on success and on failure alike the caller must not use or release them afterwards
 * (they are released or marked released by DeepRC).
 * ------------------------------------------------------------------------------------------- */

DRC_API drc_status* drc_array_export(const drc_array* array, struct ArrowSchema* out_schema, struct ArrowArray* out_array);
DRC_API drc_status* drc_array_import(struct ArrowSchema* schema, struct ArrowArray* array, drc_array** out);
DRC_API drc_status* drc_schema_export(const drc_schema* schema, struct ArrowSchema* out);
/* Imports a struct-typed ArrowSchema as a table schema (the struct's children are the fields). */
DRC_API drc_status* drc_schema_import(struct ArrowSchema* schema, drc_schema** out);
/* A table is exported as a struct array (a record batch) with one child per column. */
DRC_API drc_status* drc_table_export(const drc_table* table, struct ArrowSchema* out_schema, struct ArrowArray* out_array);
DRC_API drc_status* drc_table_import(struct ArrowSchema* schema, struct ArrowArray* array, drc_table** out);
/* Exports a stream yielding record batches of at most max_batch_rows rows (0 = one batch). */
DRC_API drc_status* drc_table_export_stream(const drc_table* table, int64_t max_batch_rows, struct ArrowArrayStream* out);
/* Consumes a whole stream into one table and releases it. */
DRC_API drc_status* drc_table_import_stream(struct ArrowArrayStream* stream, drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Synthetic data: the benchmark workloads W1L, W1R, W2, W3, W4, W5 (shared/anchors/README.md)
 * and a realistic multi-table demo data set.
 * ------------------------------------------------------------------------------------------- */

/* Rows [start, start+count) of the `rows`-row workload `name` (count < 0 = up to rows). */
DRC_API drc_status* drc_gen_workload(const char* name, int64_t rows, int64_t start, int64_t count, uint64_t seed,
                                     drc_table** out);
/* Synthetic hydrology data (CAMELS-like shape): `basins` x `days` daily rows from 1980-01-01,
 * basin-major: basin, date, forcings prcp/srad/tmax/tmin/vp, runoff of an HBV-like bucket model,
 * static attributes repeated per row (columns and model: native/src/gen/hydrology.h). noise is
 * the sigma of the mean-one lognormal runoff noise (0.1 typical; 0 = the model's flow).
 * DRC_STATUS_INVALID names a bad argument. */
DRC_API drc_status* drc_gen_hydrology(int32_t basins, int64_t days, uint64_t seed, double noise, drc_table** out);
/* Synthetic ETT-like data (ETTh1 shape): `hours` hourly rows from 2016-07-01T00:00Z: date, six
 * loads HUFL..LULL and the oil temperature OT (native/src/gen/ett.h); noise scales the AR noise
 * (1 typical, 0 = noise-free cycles). */
DRC_API drc_status* drc_gen_ett(int64_t hours, uint64_t seed, double noise, drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Relational operators: common options
 * Shared by the operators below (thread count, key options).
 * ------------------------------------------------------------------------------------------- */

/* (declarations for this section go here) */

/* ---------------------------------------------------------------------------------------------
 * Join
 * Hash join and sort-merge join: inner, left, right, full outer, semi, anti.
 * SQL null semantics: a null key never matches (outer joins keep such rows, anti joins too).
 * Float keys: -0.0 matches 0.0, NaN matches NaN. utf8 and large_utf8 keys with equal bytes match.
 * Output: left columns, then right columns. A key with the same name on both sides (same key
 * pair) appears once, at its left position: the left key for inner/left/semi/anti, the right key
 * for right joins, left-else-right for full joins. Other names present on both sides get the
 * suffixes; a suffixed name that still collides is DRC_STATUS_INVALID. Semi/anti: left columns
 * only, each left row at most once. Row order: hash join: probe-side rows in order (the probe side
 * is the larger input, the left one on a tie) each followed by its matches in build-row order,
 * then unmatched build-side rows; semi/anti in left-row order. Deterministic for every thread
 * count, but not part of the contract beyond that.
 * ------------------------------------------------------------------------------------------- */

enum drc_join_type {
  DRC_JOIN_INNER = 0,
  DRC_JOIN_LEFT = 1,
  DRC_JOIN_RIGHT = 2,
  DRC_JOIN_FULL = 3,
  DRC_JOIN_SEMI = 4,
  DRC_JOIN_ANTI = 5
};

enum drc_join_algorithm {
  DRC_JOIN_ALGORITHM_AUTO = 0,      /* currently the hash join */
  DRC_JOIN_ALGORITHM_HASH = 1,      /* partitioned hash join; multi-threaded */
  /* Merges inputs already sorted ascending by the keys (null-key rows may be anywhere; NaN sorts
     after +inf; strings by bytes). Unsorted input is DRC_STATUS_INVALID naming the side and row:
     it does not sort. Single-threaded. */
  DRC_JOIN_ALGORITHM_SORT_MERGE = 2
};

typedef struct drc_join_options {
  int32_t type;                   /* drc_join_type; default DRC_JOIN_INNER */
  int32_t algorithm;              /* drc_join_algorithm; default DRC_JOIN_ALGORITHM_AUTO */
  const char* const* left_on;     /* num_keys key column names of the left table */
  const char* const* right_on;    /* num_keys names in the right table; NULL = the same as left_on */
  int32_t num_keys;               /* >= 1 */
  int32_t allow_cast;             /* nonzero: numeric keys of different types are compared as a common type */
  const char* left_suffix;        /* default "_x"; NULL = "" */
  const char* right_suffix;       /* default "_y"; NULL = "" */
  int32_t num_threads;            /* 0 = all cores (default) */
  int32_t reserved0;
} drc_join_options;

DRC_API void drc_join_options_init(drc_join_options* options);
/* Errors: DRC_STATUS_NOT_FOUND for an unknown key column (naming it and the side);
   DRC_STATUS_INVALID for no keys, NULL names, mismatched key types (naming both columns),
   colliding output names, unsorted sort-merge input. */
DRC_API drc_status* drc_table_join(const drc_table* left, const drc_table* right, const drc_join_options* options,
                                   drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Sort
 * Multi-key stable sort with per-key order and null placement.
 * ------------------------------------------------------------------------------------------- */

/* Order: integers, date32, timestamp numerically; bool false < true; strings bytewise (= Unicode
 * code point order); floats -inf < ... < -0.0 == 0.0 < ... < +inf < NaN (all NaNs equal).
 * `descending` reverses the value order (NaN first); nulls go first or last only by
 * `nulls_first` (default 0 = last), independently of the direction. The sort is stable: rows with
 * equal keys keep their input order, so results are identical for every thread count. */
typedef struct drc_sort_key {
  const char* column;   /* key column name (UTF-8) */
  int32_t descending;   /* 0 = ascending, 1 = descending */
  int32_t nulls_first;  /* 0 = nulls last, 1 = nulls first */
} drc_sort_key;

/* The table's rows reordered by keys[0..num_keys) (keys[0] most significant). num_threads 0 = all
 * cores. INVALID for no keys, NOT_FOUND naming an unknown column. */
DRC_API drc_status* drc_table_sort(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                   int32_t num_threads, drc_table** out);
/* The permutation (an int64 array without nulls) that drc_table_sort applies. */
DRC_API drc_status* drc_table_sort_indices(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                           int32_t num_threads, drc_array** out);
/* *out = 1 when the table is already ordered by the keys, else 0. */
DRC_API drc_status* drc_table_is_sorted(const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                        int32_t* out);

/* ---------------------------------------------------------------------------------------------
 * GroupBy and scalar aggregates
 * Hash groupby with decomposable and holistic aggregates; whole-column aggregates.
 * ------------------------------------------------------------------------------------------- */

/* Aggregate functions. Nulls are ignored (count_all counts rows); a group without values gives
 * null (count/nunique: 0). var/std are sample statistics (ddof 1, null below two values);
 * var_pop/std_pop divide by n. NaN propagates through sum/mean/var; for min/max/median/quantile/
 * nunique NaN is one value sorting after +inf, and -0.0 equals 0.0. quantile(q) interpolates
 * linearly between closest ranks (pandas' default). first/last: first/last non-null value in input
 * order. Result types: sum -> int64 (signed input; overflow is an INVALID error), uint64
 * (unsigned) or float64; mean/var/std/median/quantile -> float64; count/count_all/nunique ->
 * int64; min/max/first/last keep the input type (any type). */
enum drc_agg_func {
  DRC_AGG_SUM = 0,
  DRC_AGG_COUNT = 1,
  DRC_AGG_COUNT_ALL = 2,
  DRC_AGG_MEAN = 3,
  DRC_AGG_MIN = 4,
  DRC_AGG_MAX = 5,
  DRC_AGG_VAR = 6,
  DRC_AGG_STD = 7,
  DRC_AGG_VAR_POP = 8,
  DRC_AGG_STD_POP = 9,
  DRC_AGG_FIRST = 10,
  DRC_AGG_LAST = 11,
  DRC_AGG_NUNIQUE = 12,
  DRC_AGG_MEDIAN = 13,
  DRC_AGG_QUANTILE = 14
};

/* One aggregation. column may be NULL or "" for DRC_AGG_COUNT_ALL only. q: quantile only, in
 * [0, 1]. alias: output column name; NULL or "" = "<column>_<func>" ("<column>_q<q*100>" for
 * quantile, e.g. v_q90; "count_all" without a column). */
typedef struct drc_aggregate {
  const char* column;
  int32_t func;     /* drc_agg_func */
  int32_t reserved; /* must be 0 */
  double q;
  const char* alias;
} drc_aggregate;

/* Groups rows by the key columns (null keys form one group per key column; NaN keys one group;
 * -0.0 = 0.0) and computes the aggregates. Output: the key columns, then one column per
 * aggregate; one row per group in order of first appearance in the input; identical results for
 * every num_threads (0 = all cores). Errors: NOT_FOUND naming an unknown column; INVALID for an
 * aggregate not defined on its column's type, q outside [0, 1], duplicate output names, integer
 * sum overflow, no key columns. */
DRC_API drc_status* drc_table_groupby(const drc_table* table, const char* const* keys, int32_t num_keys,
                                      const drc_aggregate* aggs, int32_t num_aggs, int32_t num_threads,
                                      drc_table** out);
/* Aggregates a whole column into a 1-element array of the function's result type (null for an
 * empty or all-null input; count/count_all/nunique give 0). q: quantile only. */
DRC_API drc_status* drc_array_aggregate(const drc_array* array, int32_t func, double q, drc_array** out);

/* ---------------------------------------------------------------------------------------------
 * Unique and set operations
 * drop_duplicates on a column subset; union / intersect / difference of whole rows.
 * ------------------------------------------------------------------------------------------- */

/* Rows compare with null equal to null (one null group), NaN equal to NaN and -0.0 equal to 0.0.
 * Results list the kept rows in input order and do not depend on num_threads (0 = all cores). */

/* Which row of each group of duplicates drop_duplicates keeps. */
enum drc_keep {
  DRC_KEEP_FIRST = 0, /* the first row of every group */
  DRC_KEEP_LAST = 1,  /* the last row of every group */
  DRC_KEEP_NONE = 2   /* only rows whose key occurs once */
};

/* Set operations on whole rows (SQL semantics: all but UNION_ALL return distinct rows). */
enum drc_set_op {
  DRC_SET_UNION = 0,     /* distinct rows of A, then rows of B not already seen */
  DRC_SET_UNION_ALL = 1, /* rows of A, then rows of B */
  DRC_SET_INTERSECT = 2, /* distinct rows of A that occur in B, in A's order */
  DRC_SET_DIFFERENCE = 3 /* distinct rows of A that do not occur in B, in A's order */
};

/* drop_duplicates: the rows of `table` whose key (the named columns; num_columns == 0 = all
 * columns) is kept under `keep` (a drc_keep), in input order. Unknown column: DRC_STATUS_NOT_FOUND
 * naming it. */
DRC_API drc_status* drc_table_unique(const drc_table* table, const char* const* columns, int32_t num_columns,
                                     int32_t keep, int32_t num_threads, drc_table** out);
/* The distinct values of a column in order of first appearance (at most one null). */
DRC_API drc_status* drc_array_unique(const drc_array* array, int32_t num_threads, drc_array** out);
/* A `op` B (a drc_set_op). The tables must have the same column count, names and types (utf8 and
 * large_utf8 differ), else DRC_STATUS_INVALID naming the first differing column; the result has
 * A's schema. */
DRC_API drc_status* drc_table_set_op(const drc_table* a, const drc_table* b, int32_t op, int32_t num_threads,
                                     drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Expressions: filter, project, computed columns
 * Parsed or built expressions evaluated over a table.
 * ------------------------------------------------------------------------------------------- */

/* A parsed expression (immutable; may be shared between threads and tables).
 *
 * Syntax (SQL-like; keywords case-insensitive). Loosest to tightest binding:
 *   or < and < not < comparisons (= == != <> < <= > >=, x is [not] null, x [not] in (a, b, ...),
 *   x [not] between a and b) < + - < * / % < unary - < primaries.
 * Binary operators are left-associative. Primaries: column names (bare identifiers, or
 * "quoted" with "" for a quote: needed for spaces, punctuation and keywords), integers, floats
 * (1.5, 2e3, nan, inf), 'strings' ('' for a quote), true, false, null, date 'YYYY-MM-DD',
 * timestamp 'YYYY-MM-DDThh:mm:ss[.f][Z|+hh:mm]' (UTC microseconds), cast(x as TYPE) with a type
 * name as accepted by drc_type_parse, and parentheses.
 *
 * Types: integers compute in 64 bits: int64, or uint64 when both operands are unsigned (an
 * unsigned value above 2^63-1 mixed with a signed one is an overflow error). Any float operand
 * makes + - * % float64. `/` is true division and always gives float64. Integer overflow and
 * integer % 0 are errors naming the expression and row; floats follow IEEE (x/0 = +-inf, 0/0 =
 * NaN, x % 0 = NaN). Integer % keeps the dividend's sign. Comparisons: numbers with numbers
 * (integers exactly, also signed vs unsigned; with a float both as float64), strings with
 * strings (bytewise), bool with bool, date32/timestamp with each other and with date/timestamp
 * literals or 'YYYY-MM-DD...' string literals. Floats compare in a total order: NaN = NaN and
 * NaN > +inf. and/or/not use SQL three-valued logic; any other operator on a null gives null;
 * `is [not] null` is never null. A bare null takes the type of the other operand. Comparing or
 * combining incompatible types is an INVALID error naming the expression and both types; an
 * unknown column is NOT_FOUND listing the table's columns; malformed text is PARSE with the
 * 0-based byte position. */
typedef struct drc_expr drc_expr;

DRC_API drc_status* drc_expr_parse(const char* text, drc_expr** out);
DRC_API void drc_expr_free(drc_expr* expr);
/* Canonical text: fully parenthesised, keywords lower case, names quoted only where needed;
 * parsing it gives an equal expression. */
DRC_API drc_status* drc_expr_to_string(const drc_expr* expr, char** out);
/* 1 when both expressions have the same tree, else 0. */
DRC_API drc_status* drc_expr_equals(const drc_expr* a, const drc_expr* b, int32_t* out);

/* Rows where the bool expression is true (null drops the row). num_threads: 0 = all cores. */
DRC_API drc_status* drc_table_filter_expr(const drc_table* table, const drc_expr* predicate, int32_t num_threads,
                                          drc_table** out);
/* The table with column `name` computed from expr: appended, or replacing the column of that name. */
DRC_API drc_status* drc_table_with_column(const drc_table* table, const char* name, const drc_expr* expr,
                                          int32_t num_threads, drc_table** out);
/* The expression's value for every row (literal-only expressions are broadcast). */
DRC_API drc_status* drc_table_evaluate(const drc_table* table, const drc_expr* expr, int32_t num_threads,
                                       drc_array** out);
/* The named columns in order (zero-copy). NOT_FOUND for an unknown name; INVALID for a repeat. */
DRC_API drc_status* drc_table_select_names(const drc_table* table, const char* const* names, int32_t num_names,
                                           drc_table** out);
/* Renames old_names[i] to new_names[i] (zero-copy). NOT_FOUND for an unknown old name; INVALID
 * for an old name given twice, an empty new name or a resulting duplicate name. */
DRC_API drc_status* drc_table_rename(const drc_table* table, const char* const* old_names,
                                     const char* const* new_names, int32_t num_names, drc_table** out);
/* Casts one column (checked: values that do not fit are INVALID naming the column and row). */
DRC_API drc_status* drc_table_cast_column(const drc_table* table, const char* name, const drc_data_type* type,
                                          drc_table** out);
/* The first / last min(n, rows) rows, zero-copy; INVALID for n < 0. */
DRC_API drc_status* drc_table_head(const drc_table* table, int64_t n, drc_table** out);
DRC_API drc_status* drc_table_tail(const drc_table* table, int64_t n, drc_table** out);

/* ---------------------------------------------------------------------------------------------
 * Communicators
 * A fixed group of ranks running collectives. Backends: local (size 1), threads (P ranks as
 * threads of one process), mpi / gloo / nccl (plugins libdeeprc_<backend>.so next to
 * libdeeprc.so or in $DEEPRC_PLUGIN_DIR, loaded on first use; a missing plugin is
 * DRC_STATUS_NOT_FOUND naming the file and the directories searched). Sizes are int64 bytes.
 * Every rank calls every collective in the same order. Transport failures and timeouts are
 * DRC_STATUS_COMM. drc_comm_close is the collective release; drc_comm_free only frees memory
 * (it never communicates, so it is safe from finalizers), so close first, then free.
 * ------------------------------------------------------------------------------------------- */

typedef struct drc_comm drc_comm;

enum drc_reduce_op { DRC_REDUCE_SUM = 0, DRC_REDUCE_MIN = 1, DRC_REDUCE_MAX = 2 };

/* A size-1 communicator: distributed operators on it equal the local ones. */
DRC_API drc_status* drc_comm_local(drc_comm** out);
/* `size` communicators of one in-process group; out[r] must be driven by its own thread. */
DRC_API drc_status* drc_comm_thread_group(int32_t size, drc_comm** out);

/* MPI_COMM_WORLD, initialising MPI with MPI_Init_thread(thread_level: 0 single, 1 funneled,
 * 2 serialized, 3 multiple) unless the host already did (then the host's level must be at least
 * thread_level, else DRC_STATUS_UNSUPPORTED naming both). When DeepRC initialised MPI, closing
 * the last communicator finalizes it. */
DRC_API drc_status* drc_comm_mpi_world(int32_t thread_level, drc_comm** out);
/* Wraps the host's communicator (duplicated with MPI_Comm_dup; the host keeps its own), given as
 * a Fortran handle (MPI_Comm_c2f, what mpi4py's py2f() returns) ... */
DRC_API drc_status* drc_comm_mpi_wrap_fortran(int64_t fortran_handle, drc_comm** out);
/* ... or as the address of an MPI_Comm. */
DRC_API drc_status* drc_comm_mpi_wrap(const void* mpi_comm_ptr, drc_comm** out);

/* Gloo over TCP. rank/size < 0 are taken from the launcher's environment (OMPI_COMM_WORLD_RANK /
 * _SIZE, PMI_RANK / PMI_SIZE, PMIX_RANK, SLURM_PROCID / SLURM_NTASKS), INVALID naming the
 * variables when none is set. store: a directory on a file system shared by all ranks (optionally
 * "file://DIR"), or "tcp://HOST:PORT" of a store server (drc_store_server_start); NULL/"" = a
 * directory unique to the launcher's job under the system temp dir. */
typedef struct drc_gloo_options {
  int32_t rank;
  int32_t size;
  const char* store;
  const char* prefix;   /* key prefix; NULL/"" = derived from the launcher's job id */
  const char* hostname; /* address peers connect to; NULL/"" = this host's name */
  const char* iface;    /* interface to bind instead (e.g. "lo"); NULL/"" = use hostname */
  const char* secret;   /* shared secret of a tcp:// store; NULL = $DEEPRC_STORE_SECRET or none */
  int64_t timeout_ms;   /* rendezvous and per-collective timeout; default 300000 */
  int32_t serve_store;  /* tcp:// store only: nonzero = rank 0 starts the server at HOST:PORT */
  int32_t reserved;
} drc_gloo_options;

DRC_API void drc_gloo_options_init(drc_gloo_options* options);
DRC_API drc_status* drc_comm_gloo(const drc_gloo_options* options, drc_comm** out);

/* NULL when NCCL can be used here (libnccl.so.2, libcudart and a GPU); else a status saying why
 * ("NCCL not available: ..."), DRC_STATUS_UNSUPPORTED. */
DRC_API drc_status* drc_nccl_available(void);
/* An NCCL communicator over the same ranks as `host` (whose bcast carries the unique id), on CUDA
 * device `device`. Its buffers are device pointers; table operators refuse it. */
DRC_API drc_status* drc_comm_nccl(drc_comm* host, int32_t device, drc_comm** out);

DRC_API int32_t drc_comm_rank(const drc_comm* comm);
DRC_API int32_t drc_comm_size(const drc_comm* comm);
/* "local", "threads", "mpi", "gloo" or "nccl" (static string). */
DRC_API const char* drc_comm_backend(const drc_comm* comm);

DRC_API drc_status* drc_comm_barrier(drc_comm* comm);
/* Element-wise reduction of `count` values of numeric type type_id (drc_type_id; send may equal recv). */
DRC_API drc_status* drc_comm_allreduce(drc_comm* comm, const void* send, void* recv, int64_t count, int32_t type_id,
                                       int32_t op);
DRC_API drc_status* drc_comm_bcast(drc_comm* comm, void* buffer, int64_t size, int32_t root);
/* Every rank sends `size` bytes; recv (size * comm size bytes) holds them in rank order. */
DRC_API drc_status* drc_comm_allgather(drc_comm* comm, const void* send, int64_t size, void* recv);
/* Byte all-to-all with per-rank counts and displacements (each array has comm-size entries). */
DRC_API drc_status* drc_comm_alltoallv(drc_comm* comm, const void* send, const int64_t* send_counts,
                                       const int64_t* send_displs, void* recv, const int64_t* recv_counts,
                                       const int64_t* recv_displs);
/* A communicator over ranks[0..n) (strictly increasing, including the caller); called by those
 * ranks only, with the same tag (distinct for groups created concurrently). */
DRC_API drc_status* drc_comm_create_group(drc_comm* comm, const int32_t* ranks, int32_t n, int64_t tag,
                                          drc_comm** out);
DRC_API drc_status* drc_comm_close(drc_comm* comm);
DRC_API void drc_comm_free(drc_comm* comm);

/* TCP key-value store for Gloo/NCCL rendezvous (the pilot agent serves one per session). Binds
 * bind_host:port (port 0 = any free port); clients must present `secret` when it is non-empty
 * (a peer without it is refused). */
typedef struct drc_store_server drc_store_server;
DRC_API drc_status* drc_store_server_start(const char* bind_host, int32_t port, const char* secret,
                                           drc_store_server** out);
DRC_API int32_t drc_store_server_port(const drc_store_server* server);
DRC_API void drc_store_server_stop(drc_store_server* server);

/* ---------------------------------------------------------------------------------------------
 * Distributed operators
 * Each rank holds one partition of a distributed table; every rank calls the operator with its
 * partition (same schema on all ranks, else DRC_STATUS_INVALID naming the rank and the column).
 * Results are partitions too. Semantics equal the local operator on the concatenation of the
 * partitions in rank order (as multisets; sort: globally ordered by rank, ties in input order).
 * Rows are never lost or duplicated. num_threads: threads per rank, 0 = all cores / ranks on
 * this host.
 * ------------------------------------------------------------------------------------------- */

/* Hash partition on the key columns (string keys hash their bytes; multi-column hashes combine):
 * every row goes to rank hash(key) mod size, in input order per source rank. */
DRC_API drc_status* drc_dist_shuffle(drc_comm* comm, const drc_table* table, const char* const* keys, int32_t num_keys,
                                     int32_t num_threads, drc_table** out);
DRC_API drc_status* drc_dist_join(drc_comm* comm, const drc_table* left, const drc_table* right,
                                  const drc_join_options* options, drc_table** out);
/* Sample sort: regular samples, splitters agreed through allgather, ties broken by (rank, row) so
 * a hot key is split across ranks. The result is globally ordered by rank. */
DRC_API drc_status* drc_dist_sort(drc_comm* comm, const drc_table* table, const drc_sort_key* keys, int32_t num_keys,
                                  int32_t num_threads, drc_table** out);
/* Combine -> shuffle -> merge for decomposable aggregates; holistic ones (nunique, median,
 * quantile) shuffle the raw rows. */
DRC_API drc_status* drc_dist_groupby(drc_comm* comm, const drc_table* table, const char* const* keys,
                                     int32_t num_keys, const drc_aggregate* aggs, int32_t num_aggs,
                                     int32_t num_threads, drc_table** out);
DRC_API drc_status* drc_dist_unique(drc_comm* comm, const drc_table* table, const char* const* columns,
                                    int32_t num_columns, int32_t keep, int32_t num_threads, drc_table** out);
DRC_API drc_status* drc_dist_set_op(drc_comm* comm, const drc_table* a, const drc_table* b, int32_t op,
                                    int32_t num_threads, drc_table** out);
/* Global row count (same on every rank). */
DRC_API drc_status* drc_dist_num_rows(drc_comm* comm, const drc_table* table, int64_t* out);
/* Global rows [offset, offset+length) (length < 0 = to the end), each rank keeping its part. */
DRC_API drc_status* drc_dist_slice(drc_comm* comm, const drc_table* table, int64_t offset, int64_t length,
                                   drc_table** out);
DRC_API drc_status* drc_dist_head(drc_comm* comm, const drc_table* table, int64_t n, drc_table** out);
DRC_API drc_status* drc_dist_tail(drc_comm* comm, const drc_table* table, int64_t n, drc_table** out);
/* Moves rows so that every rank holds floor or ceil(total/size) rows, keeping the global order. */
DRC_API drc_status* drc_dist_rebalance(drc_comm* comm, const drc_table* table, drc_table** out);
/* Whole-column aggregate over all ranks (drc_array_aggregate semantics); the same 1-element
 * result on every rank. */
DRC_API drc_status* drc_dist_aggregate(drc_comm* comm, const drc_table* table, const char* column, int32_t func,
                                       double q, drc_array** out);
/* All rows at `root` in rank order; other ranks get an empty table with the schema. */
DRC_API drc_status* drc_dist_gather(drc_comm* comm, const drc_table* table, int32_t root, drc_table** out);
DRC_API drc_status* drc_dist_allgather(drc_comm* comm, const drc_table* table, drc_table** out);
/* Distributed read. One path: rank r parses its byte range of the CSV (records split at line
 * boundaries outside quotes; the header and the inferred schema are agreed by all ranks). Several
 * paths: rank r reads its share of the files (contiguous, balanced by size). Every rank gets the
 * same schema, also with zero rows. */
DRC_API drc_status* drc_dist_read_csv(drc_comm* comm, const char* const* paths, int32_t num_paths,
                                      const drc_csv_read_options* options, drc_table** out);
/* Arrow IPC files: one path = rank r takes its balanced share of the rows (zero-copy mmap);
 * several paths = its share of the files. */
DRC_API drc_status* drc_dist_read_ipc(drc_comm* comm, const char* const* paths, int32_t num_paths, drc_table** out);
/* gather != 0: rank 0 writes all rows to `path`. gather == 0: rank r writes
 * drc_dist_rank_path(path, r) ("out.arrow" -> "out.rank<r>.arrow"). Either every file is written
 * or none is left behind (failures are agreed; the error names the failing rank). */
DRC_API drc_status* drc_dist_write_ipc(drc_comm* comm, const drc_table* table, const char* path, int32_t gather,
                                       const drc_ipc_write_options* options);
DRC_API drc_status* drc_dist_write_csv(drc_comm* comm, const drc_table* table, const char* path, int32_t gather,
                                       const drc_csv_write_options* options);
/* The per-rank file name: the extension (if any) stays last: "a/out.arrow" -> "a/out.rank3.arrow",
 * "out" -> "out.rank3". Freed with drc_string_free. */
DRC_API drc_status* drc_dist_rank_path(const char* path, int32_t rank, char** out);

/* ---------------------------------------------------------------------------------------------
 * Tensors: the libtorch bridge (Deep RC)
 * A column becomes a libtorch tensor through DLPack WITHOUT a copy (the tensor's data pointer is
 * the column's values buffer, which the tensor keeps alive). The bridge lives in the plugin
 * libdeeprc_torch.so, built where libtorch is found; without it these functions return
 * DRC_STATUS_NOT_FOUND naming the plugin and the directories searched (drc_torch_available tells
 * up front). Types: int8..int64, uint8, float32, float64, date32 (int32), timestamp (int64); bool
 * and uint16/32/64 are DRC_STATUS_UNSUPPORTED (cast first).
 * ------------------------------------------------------------------------------------------- */

typedef struct drc_tensor drc_tensor;

#define DRC_TENSOR_MAX_DIMS 8

enum drc_null_policy {
  DRC_NULLS_ERROR = 0, /* nulls are DRC_STATUS_INVALID naming the count and the first null row */
  DRC_NULLS_FILL = 1   /* nulls become `fill` (this makes a filled copy: no longer zero-copy) */
};

typedef struct drc_tensor_info {
  int32_t ndim;
  int32_t dtype; /* drc_type_id of the elements (uint8 for masks, int32 for date32, int64 for timestamps) */
  int64_t shape[DRC_TENSOR_MAX_DIMS];
  int64_t strides[DRC_TENSOR_MAX_DIMS]; /* in elements */
  void* data;                           /* address of the first element */
  int32_t device_type;                  /* DLPack: 1 = CPU, 2 = CUDA */
  int32_t device_id;
} drc_tensor_info;

/* OK when the bridge is usable; otherwise NOT_FOUND (plugin or libtorch missing) or UNSUPPORTED
 * (plugin ABI mismatch) with the reason. *version (may be NULL) receives libtorch's version,
 * freed with drc_string_free. */
DRC_API drc_status* drc_torch_available(char** version);
/* A 1-D tensor over the array's values. */
DRC_API drc_status* drc_tensor_from_array(const drc_array* array, int32_t null_policy, double fill, drc_tensor** out);
/* The sliding windows of the array as a strided view: shape [(n - window) / step + 1, window],
 * strides [step, 1]; no copy. Nulls are DRC_STATUS_INVALID. */
DRC_API drc_status* drc_tensor_windows(const drc_array* array, int64_t window, int64_t step, drc_tensor** out);
/* The array's validity as a uint8 tensor (1 = valid): the mask channel for columns with nulls. */
DRC_API drc_status* drc_tensor_validity(const drc_array* array, drc_tensor** out);
DRC_API drc_status* drc_tensor_get_info(const drc_tensor* tensor, drc_tensor_info* out);
/* Sum of all elements as float64, computed by libtorch. */
DRC_API drc_status* drc_tensor_sum(const drc_tensor* tensor, double* out);
/* Rows `rows[0..n)` of dimension 0 gathered into a new (copied) tensor, e.g. a batch of windows. */
DRC_API drc_status* drc_tensor_index_rows(const drc_tensor* tensor, const int64_t* rows, int64_t n, drc_tensor** out);
DRC_API void drc_tensor_free(drc_tensor* tensor);

/* ---------------------------------------------------------------------------------------------
 * Introspection (generated layout table, used by the managed layout test)
 * The table is generated by interop/DeepRC.Interop.Generator (native/src/capi/layout_probe.g.c) with
 * one entry per struct mirrored in C# (field_name NULL, size = sizeof the struct) followed by one
 * entry per field (size and offset of the field). Values are computed by the C compiler.
 * ------------------------------------------------------------------------------------------- */

typedef struct drc_layout_entry {
  const char* type_name;  /* static */
  const char* field_name; /* static; NULL for the entry describing the whole struct */
  int64_t size;
  int64_t offset;
} drc_layout_entry;

DRC_API int32_t drc_layout_entry_count(void);
/* NULL when index is out of range. The entry is static. */
DRC_API const drc_layout_entry* drc_layout_entry_at(int32_t index);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DEEPRC_DEEPRC_H */
