/* ceiling-sqlite DB_PATH ROW_FILE
 *
 * The fastest way C has to load rows into SQLite with the ledger's durability: one
 * prepared INSERT, reused for every row with its values bound in place (numbers as
 * numbers, the rest as text that SQLite does not copy), in transactions of 10,000 rows,
 * in WAL mode with synchronous=FULL and the 64 MiB page cache the ledger's writing
 * connection has (with realistic rows, 8-15% faster than SQLite's default 2 MiB). SQLite
 * is a library, so there is no bulk protocol to beat this: a prepared statement stepped
 * inside a large transaction is the floor of its per-row cost, and the commits are where
 * the fsyncs go.
 *
 * Prints "rows=N seconds=S" (S: the loading alone) and exits 0; on error, a message on
 * stderr and exit 1; usage, exit 2. */
#include "rowfile.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS_PER_TRANSACTION = 10000 };

static sqlite3 *db;

static void die(const char *what) {
    fprintf(stderr, "error: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ceiling-sqlite DB_PATH ROW_FILE\n");
        return 2;
    }
    struct rowfile file;
    if (rowfile_read(argv[2], &file) != 0) return 1;

    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die(argv[1]);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA cache_size=-65536");

    double start = rf_now();
    char *columns = rf_column_list(&file), *placeholders = rf_placeholders(&file);
    size_t size = strlen(columns) + strlen(placeholders) + 64;
    char *sql = malloc(size);
    if (sql == NULL) return 1;
    snprintf(sql, size, "INSERT INTO ailedger_calls (%s) VALUES (%s)", columns, placeholders);
    sqlite3_stmt *insert;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &insert, NULL) != SQLITE_OK) die("prepare INSERT");

    for (size_t row = 0; row < file.nrows; row++) {
        if (row % ROWS_PER_TRANSACTION == 0) exec("BEGIN");
        const struct rf_value *values = rowfile_row(&file, row);
        for (size_t c = 0; c < file.ncolumns; c++) {
            const struct rf_value *v = &values[c];
            const char *name = file.columns[c].name;
            int at = (int)c + 1, rc;
            if (v->length < 0) {
                rc = sqlite3_bind_null(insert, at);
            } else if (file.columns[c].type == RF_INT8) {
                int64_t n;
                if (rf_parse_int8(v, name, &n) != 0) return 1;
                rc = sqlite3_bind_int64(insert, at, n);
            } else if (file.columns[c].type == RF_FLOAT8) {
                double d;
                if (rf_parse_float8(v, name, &d) != 0) return 1;
                rc = sqlite3_bind_double(insert, at, d);
            } else {
                rc = sqlite3_bind_text(insert, at, v->bytes, v->length, SQLITE_STATIC);
            }
            if (rc != SQLITE_OK) die(name);
        }
        if (sqlite3_step(insert) != SQLITE_DONE) die("INSERT");
        if (sqlite3_reset(insert) != SQLITE_OK) die("INSERT");
        if ((row + 1) % ROWS_PER_TRANSACTION == 0 || row + 1 == file.nrows) exec("COMMIT");
    }
    double seconds = rf_now() - start;

    sqlite3_finalize(insert);
    if (sqlite3_close(db) != SQLITE_OK) die("close");
    printf("rows=%zu seconds=%.6f\n", file.nrows, seconds);
    free(sql);
    free(columns);
    free(placeholders);
    rowfile_free(&file);
    return 0;
}
