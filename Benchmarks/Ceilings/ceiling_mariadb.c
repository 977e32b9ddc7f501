/* ceiling-mariadb HOST PORT USER DATABASE ROW_FILE   (password in MYSQL_PWD)
 *
 * The fastest way C has to load rows into MariaDB from a client: one prepared INSERT
 * run with Connector/C's array binding, 1,000 rows per execute, committed every 10,000
 * rows. Array binding sends the 1,000 rows as one COM_STMT_BULK_EXECUTE in the binary
 * protocol: one round trip and no SQL text to parse per batch, numbers and times in
 * binary. It is column-wise here, each column an array of values, or of pointers into
 * the row file for strings (row-wise binding would need every string copied into a
 * fixed-size row). Times go as MYSQL_TIME: as strings they measured the same. LOAD DATA
 * LOCAL INFILE, the other bulk path, measured slower on the same rows: the server
 * parses every value from text.
 *
 * Prints "rows=N seconds=S" (S: the loading alone) and exits 0; on error, a message on
 * stderr and exit 1; usage, exit 2. The password is never printed. */
#include "rowfile.h"

#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS_PER_EXECUTE = 1000, ROWS_PER_COMMIT = 10000 };

/* One column's values for one execute. */
struct column_array {
    char indicator[ROWS_PER_EXECUTE];
    unsigned long length[ROWS_PER_EXECUTE];
    union {
        char *text[ROWS_PER_EXECUTE];
        long long int8[ROWS_PER_EXECUTE];
        double float8[ROWS_PER_EXECUTE];
        MYSQL_TIME *time[ROWS_PER_EXECUTE];
    } value;
    MYSQL_TIME times[ROWS_PER_EXECUTE];
};

static MYSQL *conn;
static MYSQL_STMT *stmt;

static void die(const char *what, const char *message) {
    fprintf(stderr, "error: %s: %s\n", what, message);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: ceiling-mariadb HOST PORT USER DATABASE ROW_FILE   (password in MYSQL_PWD)\n");
        return 2;
    }
    char *end;
    unsigned long port = strtoul(argv[2], &end, 10);
    if (*argv[2] == '\0' || *end != '\0' || port == 0 || port > 65535) die("PORT", "not a port number");
    struct rowfile file;
    if (rowfile_read(argv[5], &file) != 0) return 1;

    conn = mysql_init(NULL);
    if (conn == NULL) die("mysql_init", "out of memory");
    mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    /* libmariadb reads MYSQL_PWD by itself for a NULL password; passing it says so. */
    if (!mysql_real_connect(conn, argv[1], argv[3], getenv("MYSQL_PWD"), argv[4], (unsigned)port, NULL, 0))
        die("connect", mysql_error(conn));
    if (mysql_query(conn, "SET time_zone='+00:00'") != 0) die("SET time_zone", mysql_error(conn));
    if (mysql_autocommit(conn, 0) != 0) die("autocommit", mysql_error(conn));

    double start = rf_now();
    char *columns = rf_column_list(&file), *placeholders = rf_placeholders(&file);
    size_t size = strlen(columns) + strlen(placeholders) + 64;
    char *sql = malloc(size);
    struct column_array *arrays = calloc(file.ncolumns, sizeof *arrays);
    MYSQL_BIND *binds = calloc(file.ncolumns, sizeof *binds);
    if (sql == NULL || arrays == NULL || binds == NULL) die("memory", "out of memory");
    snprintf(sql, size, "INSERT INTO ailedger_calls (%s) VALUES (%s)", columns, placeholders);
    stmt = mysql_stmt_init(conn);
    if (stmt == NULL || mysql_stmt_prepare(stmt, sql, strlen(sql)) != 0) die("prepare INSERT", mysql_error(conn));

    for (size_t c = 0; c < file.ncolumns; c++) {
        struct column_array *a = &arrays[c];
        MYSQL_BIND *b = &binds[c];
        b->u.indicator = a->indicator;
        switch (file.columns[c].type) {
        case RF_INT8: b->buffer_type = MYSQL_TYPE_LONGLONG; b->buffer = a->value.int8; break;
        case RF_FLOAT8: b->buffer_type = MYSQL_TYPE_DOUBLE; b->buffer = a->value.float8; break;
        case RF_TIMESTAMPTZ:
            b->buffer_type = MYSQL_TYPE_DATETIME;
            b->buffer = a->value.time;
            for (int i = 0; i < ROWS_PER_EXECUTE; i++) a->value.time[i] = &a->times[i];
            break;
        default: b->buffer_type = MYSQL_TYPE_STRING; b->buffer = a->value.text; b->length = a->length; break;
        }
    }

    for (size_t first = 0; first < file.nrows; first += ROWS_PER_EXECUTE) {
        unsigned int count = (unsigned int)(file.nrows - first < ROWS_PER_EXECUTE ? file.nrows - first : ROWS_PER_EXECUTE);
        for (unsigned int i = 0; i < count; i++) {
            const struct rf_value *values = rowfile_row(&file, first + i);
            for (size_t c = 0; c < file.ncolumns; c++) {
                const struct rf_value *v = &values[c];
                struct column_array *a = &arrays[c];
                const char *name = file.columns[c].name;
                a->indicator[i] = v->length < 0 ? STMT_INDICATOR_NULL : STMT_INDICATOR_NONE;
                if (v->length < 0) continue;
                switch (file.columns[c].type) {
                case RF_INT8: {
                    int64_t n;
                    if (rf_parse_int8(v, name, &n) != 0) return 1;
                    a->value.int8[i] = n;
                    break;
                }
                case RF_FLOAT8:
                    if (rf_parse_float8(v, name, &a->value.float8[i]) != 0) return 1;
                    break;
                case RF_TIMESTAMPTZ: {
                    struct rf_datetime t;
                    if (rf_parse_datetime(v, name, &t) != 0) return 1;
                    a->times[i] = (MYSQL_TIME){.year = (unsigned)t.year, .month = (unsigned)t.month,
                                               .day = (unsigned)t.day, .hour = (unsigned)t.hour,
                                               .minute = (unsigned)t.minute, .second = (unsigned)t.second,
                                               .second_part = (unsigned long)t.microsecond,
                                               .time_type = MYSQL_TIMESTAMP_DATETIME};
                    break;
                }
                default:
                    a->value.text[i] = (char *)v->bytes;
                    a->length[i] = (unsigned long)v->length;
                    break;
                }
            }
        }
        if (mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &count) != 0) die("array size", mysql_stmt_error(stmt));
        if (mysql_stmt_bind_param(stmt, binds) != 0) die("bind", mysql_stmt_error(stmt));
        if (mysql_stmt_execute(stmt) != 0) die("INSERT", mysql_stmt_error(stmt));
        size_t done = first + count;
        if ((done % ROWS_PER_COMMIT == 0 || done == file.nrows) && mysql_commit(conn) != 0)
            die("COMMIT", mysql_error(conn));
    }
    double seconds = rf_now() - start;

    mysql_stmt_close(stmt);
    mysql_close(conn);
    printf("rows=%zu seconds=%.6f\n", file.nrows, seconds);
    free(binds);
    free(arrays);
    free(sql);
    free(placeholders);
    free(columns);
    rowfile_free(&file);
    return 0;
}
