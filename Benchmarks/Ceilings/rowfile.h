/* The row file that WriterBenchmark writes for the ceiling programs, read into memory.
 *
 *   AILEDGER-ROWS 1\n
 *   name:type,name:type,...\n       (type: text uuid timestamptz int8 float8 jsonb)
 *   then, row after row, column after column: a little-endian int32 length (-1 for
 *   NULL) and that many bytes of the value in text form.
 *
 * Values are not copied: each points into the file's bytes, which stay in memory. */
#ifndef AILEDGER_ROWFILE_H
#define AILEDGER_ROWFILE_H

#include <stddef.h>
#include <stdint.h>

enum rf_type { RF_TEXT, RF_UUID, RF_TIMESTAMPTZ, RF_INT8, RF_FLOAT8, RF_JSONB };

struct rf_column {
    char *name;
    enum rf_type type;
};

struct rf_value {
    const char *bytes; /* NULL for SQL NULL */
    int32_t length;    /* -1 for SQL NULL */
};

struct rowfile {
    char *data;               /* the whole file */
    size_t ncolumns, nrows;
    struct rf_column *columns;
    struct rf_value *values;  /* nrows * ncolumns, row after row */
};

/* A calendar time of day, as written in the file (taken as UTC). */
struct rf_datetime {
    int year, month, day, hour, minute, second, microsecond;
};

/* Each returns 0 on success; on failure it writes a message to stderr and returns -1. */
int rowfile_read(const char *path, struct rowfile *file);
void rowfile_free(struct rowfile *file);

static inline const struct rf_value *rowfile_row(const struct rowfile *file, size_t row) {
    return file->values + row * file->ncolumns;
}

/* Parse one value in text form; column names the column in error messages. */
int rf_parse_int8(const struct rf_value *value, const char *column, int64_t *out);
int rf_parse_float8(const struct rf_value *value, const char *column, double *out);
/* YYYY-MM-DD HH:MM:SS[.ffffff] ('T' also taken for the space, a final 'Z' ignored). */
int rf_parse_datetime(const struct rf_value *value, const char *column, struct rf_datetime *out);

/* "a, b, c" and "?, ?, ?" for the columns, for SQL statements; free() them. */
char *rf_column_list(const struct rowfile *file);
char *rf_placeholders(const struct rowfile *file);

/* Wall-clock seconds from a monotonic clock. */
double rf_now(void);

#endif
