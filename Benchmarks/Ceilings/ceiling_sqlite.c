/* ceiling-sqlite DB_PATH ROW_FILE [checkpoint-thread]
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
 * With `checkpoint-thread`, checkpoints run as the ledger's writer runs them: a second
 * connection on a thread of its own copies committed pages into the database file in the
 * background (PASSIVE) once the WAL passes 1,000 pages, and the loading connection does
 * it itself only once the WAL holds 256 MiB, the WAL file being cut back to 256 MiB when
 * it starts over. Without it, SQLite's default: each commit past 1,000 pages checkpoints
 * on the loading thread.
 *
 * Prints "rows=N seconds=S cpu=C" (S: the loading alone; C: the CPU seconds the loading
 * thread used meanwhile) and exits 0; on error, a message on stderr and exit 1; usage,
 * exit 2. */
#include "rowfile.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROWS_PER_TRANSACTION = 10000 };

static sqlite3 *db;

/* The background checkpointer: a request flag under a mutex, and its own connection. */
static pthread_mutex_t ckpt_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ckpt_wake = PTHREAD_COND_INITIALIZER;
static int ckpt_requested, ckpt_stopping;
static sqlite3 *ckpt_db;
enum { BACKGROUND_PAGES = 1000, WRITER_BYTES = 256 << 20 };
static int writer_pages;

static void *checkpointer(void *unused) {
    (void)unused;
    pthread_mutex_lock(&ckpt_lock);
    for (;;) {
        while (!ckpt_requested && !ckpt_stopping) pthread_cond_wait(&ckpt_wake, &ckpt_lock);
        if (ckpt_stopping) break;
        ckpt_requested = 0;
        pthread_mutex_unlock(&ckpt_lock);
        sqlite3_wal_checkpoint_v2(ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&ckpt_lock);
    }
    pthread_mutex_unlock(&ckpt_lock);
    return NULL;
}

static int committed(void *unused, sqlite3 *writer, const char *name, int pages) {
    (void)unused;
    (void)name;
    if (pages >= writer_pages) {
        sqlite3_wal_checkpoint_v2(writer, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    } else if (pages >= BACKGROUND_PAGES) {
        pthread_mutex_lock(&ckpt_lock);
        ckpt_requested = 1;
        pthread_cond_signal(&ckpt_wake);
        pthread_mutex_unlock(&ckpt_lock);
    }
    return SQLITE_OK;
}

static void die(const char *what) {
    fprintf(stderr, "error: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql);
}

/* CPU seconds the calling thread has used. */
static double thread_cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int background = argc == 4 && strcmp(argv[3], "checkpoint-thread") == 0;
    if (argc != 3 && !background) {
        fprintf(stderr, "usage: ceiling-sqlite DB_PATH ROW_FILE [checkpoint-thread]\n");
        return 2;
    }
    struct rowfile file;
    if (rowfile_read(argv[2], &file) != 0) return 1;

    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die(argv[1]);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA cache_size=-65536");
    pthread_t thread;
    if (background) {
        exec("PRAGMA journal_size_limit=268435456");
        if (sqlite3_open_v2(argv[1], &ckpt_db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("open the checkpointer");
        if (sqlite3_exec(ckpt_db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) die("checkpointer read");
        writer_pages = WRITER_BYTES / 4096;
        sqlite3_wal_hook(db, committed, NULL);
        if (pthread_create(&thread, NULL, checkpointer, NULL) != 0) die("start the checkpointer");
    }

    double start = rf_now(), cpu_start = thread_cpu();
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
    double seconds = rf_now() - start, cpu = thread_cpu() - cpu_start;
    if (background) {
        pthread_mutex_lock(&ckpt_lock);
        ckpt_stopping = 1;
        pthread_cond_signal(&ckpt_wake);
        pthread_mutex_unlock(&ckpt_lock);
        pthread_join(thread, NULL);
        sqlite3_close(ckpt_db);
    }

    sqlite3_finalize(insert);
    if (sqlite3_close(db) != SQLITE_OK) die("close");
    printf("rows=%zu seconds=%.6f cpu=%.6f\n", file.nrows, seconds, cpu);
    free(sql);
    free(columns);
    free(placeholders);
    rowfile_free(&file);
    return 0;
}
