/* ceiling-postgres CONNINFO ROW_FILE
 *
 * The fastest way C has to load rows into PostgreSQL: COPY ... FROM STDIN in binary
 * format, one COPY (its own transaction) per 10,000 rows, its data built here in
 * PostgreSQL's binary form and handed to libpq in large chunks. COPY skips the per-row
 * protocol messages, parsing and planning of INSERTs, and the binary form spares the
 * server parsing each uuid, timestamp and number from text; what is left is the
 * server's own cost of writing the rows, their indexes and the WAL, flushed at each
 * commit.
 *
 * CONNINFO is any libpq connection string or URL; it is never printed.
 * Prints "rows=N seconds=S" (S: the loading alone) and exits 0; on error, a message on
 * stderr and exit 1; usage, exit 2. */
#include "rowfile.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS_PER_COPY = 10000, CHUNK = 1 << 20 };

static PGconn *conn;

static void die(const char *what, const char *message) {
    fprintf(stderr, "error: %s: %s", what, message);
    if (message[0] == '\0' || message[strlen(message) - 1] != '\n') fputc('\n', stderr);
    exit(1);
}

/* The COPY data being built; sent to the server whenever it reaches CHUNK bytes. */
static struct { unsigned char *bytes; size_t length, capacity; } out;

static unsigned char *reserve(size_t n) {
    if (out.length + n > out.capacity) {
        while (out.length + n > out.capacity) out.capacity = out.capacity ? out.capacity * 2 : 2 * CHUNK;
        out.bytes = realloc(out.bytes, out.capacity);
        if (out.bytes == NULL) die("COPY", "out of memory");
    }
    unsigned char *at = out.bytes + out.length;
    out.length += n;
    return at;
}

static void put_be(uint64_t v, int size) {
    unsigned char *p = reserve((size_t)size);
    for (int i = size - 1; i >= 0; i--, v >>= 8) p[i] = (unsigned char)v;
}

static void flush(void) {
    if (out.length > 0 && PQputCopyData(conn, (const char *)out.bytes, (int)out.length) != 1)
        die("COPY", PQerrorMessage(conn));
    out.length = 0;
}

static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_uuid(const struct rf_value *v, const char *column) {
    unsigned char *p = reserve(16);
    int n = 0;
    for (int i = 0; v->length == 36 && i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (v->bytes[i++] != '-') break;
            continue;
        }
        int hi = hex(v->bytes[i]), lo = hex(v->bytes[i + 1]);
        if (hi < 0 || lo < 0) break;
        p[n++] = (unsigned char)(hi << 4 | lo);
        i += 2;
    }
    if (n != 16) {
        fprintf(stderr, "error: column %s: '%.*s' is not a uuid\n", column, v->length > 64 ? 64 : (int)v->length, v->bytes);
        exit(1);
    }
}

/* Days from 2000-01-01 to the date, in the proleptic Gregorian calendar (year >= 1). */
static int64_t days_since_2000(int year, int month, int day) {
    static const int before_month[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int64_t y = year - 1; /* whole years since 0001-01-01 */
    int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    int64_t days = 365 * y + y / 4 - y / 100 + y / 400 + before_month[month - 1] + (month > 2 && leap) + day - 1;
    return days - 730119; /* 0001-01-01 to 2000-01-01 */
}

static void put_value(const struct rf_value *v, const struct rf_column *column) {
    if (v->length < 0) { put_be(UINT32_MAX, 4); return; } /* -1: NULL */
    switch (column->type) {
    case RF_UUID:
        put_be(16, 4);
        put_uuid(v, column->name);
        break;
    case RF_TIMESTAMPTZ: {
        struct rf_datetime t;
        if (rf_parse_datetime(v, column->name, &t) != 0) exit(1);
        int64_t seconds = days_since_2000(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
        put_be(8, 4);
        put_be((uint64_t)(seconds * 1000000 + t.microsecond), 8);
        break;
    }
    case RF_INT8: {
        int64_t n;
        if (rf_parse_int8(v, column->name, &n) != 0) exit(1);
        put_be(8, 4);
        put_be((uint64_t)n, 8);
        break;
    }
    case RF_FLOAT8: {
        double d;
        uint64_t bits;
        if (rf_parse_float8(v, column->name, &d) != 0) exit(1);
        memcpy(&bits, &d, 8);
        put_be(8, 4);
        put_be(bits, 8);
        break;
    }
    case RF_JSONB: /* version 1, then the JSON text */
        put_be((uint64_t)v->length + 1, 4);
        *reserve(1) = 1;
        memcpy(reserve((size_t)v->length), v->bytes, (size_t)v->length);
        break;
    case RF_TEXT:
        put_be((uint64_t)v->length, 4);
        memcpy(reserve((size_t)v->length), v->bytes, (size_t)v->length);
        break;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ceiling-postgres CONNINFO ROW_FILE\n");
        return 2;
    }
    struct rowfile file;
    if (rowfile_read(argv[2], &file) != 0) return 1;

    conn = PQconnectdb(argv[1]);
    if (PQstatus(conn) != CONNECTION_OK) die("connect", PQerrorMessage(conn));
    if (PQsetClientEncoding(conn, "UTF8") != 0) die("client_encoding", PQerrorMessage(conn));

    double start = rf_now();
    char *columns = rf_column_list(&file);
    size_t size = strlen(columns) + 64;
    char *copy = malloc(size);
    if (copy == NULL) die("COPY", "out of memory");
    snprintf(copy, size, "COPY ailedger_calls (%s) FROM STDIN (FORMAT binary)", columns);

    for (size_t first = 0; first < file.nrows; first += ROWS_PER_COPY) {
        PGresult *result = PQexec(conn, copy);
        if (PQresultStatus(result) != PGRES_COPY_IN) die("COPY", PQresultErrorMessage(result));
        PQclear(result);

        memcpy(reserve(11), "PGCOPY\n\377\r\n", 11); /* signature with its NUL */
        put_be(0, 4);                                 /* flags */
        put_be(0, 4);                                 /* header extension length */
        size_t last = first + ROWS_PER_COPY < file.nrows ? first + ROWS_PER_COPY : file.nrows;
        for (size_t row = first; row < last; row++) {
            const struct rf_value *values = rowfile_row(&file, row);
            put_be(file.ncolumns, 2);
            for (size_t c = 0; c < file.ncolumns; c++) put_value(&values[c], &file.columns[c]);
            if (out.length >= CHUNK) flush();
        }
        put_be(UINT16_MAX, 2); /* trailer: -1 */
        flush();

        if (PQputCopyEnd(conn, NULL) != 1) die("COPY", PQerrorMessage(conn));
        result = PQgetResult(conn);
        if (PQresultStatus(result) != PGRES_COMMAND_OK) die("COPY", PQresultErrorMessage(result));
        PQclear(result);
        while ((result = PQgetResult(conn)) != NULL) PQclear(result);
    }
    double seconds = rf_now() - start;

    PQfinish(conn);
    printf("rows=%zu seconds=%.6f\n", file.nrows, seconds);
    free(copy);
    free(columns);
    free(out.bytes);
    rowfile_free(&file);
    return 0;
}
