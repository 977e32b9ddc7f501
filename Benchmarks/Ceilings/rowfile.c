/* Reads the row file described in rowfile.h. */
#define _POSIX_C_SOURCE 200809L
#include "rowfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char magic[] = "AILEDGER-ROWS 1\n";
static const char *const type_names[] = {"text", "uuid", "timestamptz", "int8", "float8", "jsonb"};

static int fail(const char *path, const char *message) {
    fprintf(stderr, "error: %s: %s\n", path, message);
    return -1;
}

static int read_whole(const char *path, char **data, size_t *size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail(path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return fail(path, strerror(errno)); }
    *size = (size_t)st.st_size;
    *data = malloc(*size + 1);
    if (*data == NULL) { close(fd); return fail(path, "out of memory"); }
    size_t done = 0;
    while (done < *size) {
        ssize_t n = read(fd, *data + done, *size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { close(fd); return fail(path, n < 0 ? strerror(errno) : "file shrank while read"); }
        done += (size_t)n;
    }
    close(fd);
    (*data)[*size] = '\0';
    return 0;
}

/* Parses "name:type,name:type" (the line without its newline, NUL-terminated in place). */
static int parse_columns(const char *path, char *line, struct rowfile *file) {
    size_t count = 1;
    for (const char *p = line; *p; p++) count += *p == ',';
    file->columns = calloc(count, sizeof *file->columns);
    if (file->columns == NULL) return fail(path, "out of memory");
    char *rest = line;
    for (size_t i = 0; i < count; i++) {
        char *item = rest, *comma = strchr(item, ',');
        if (comma) { *comma = '\0'; rest = comma + 1; }
        char *colon = strchr(item, ':');
        if (colon == NULL || colon == item) return fail(path, "a column in line 2 is not name:type");
        *colon = '\0';
        for (const char *p = item; *p; p++)
            if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
                return fail(path, "a column name in line 2 is not a plain identifier");
        size_t t = 0;
        while (t < sizeof type_names / sizeof *type_names && strcmp(colon + 1, type_names[t]) != 0) t++;
        if (t == sizeof type_names / sizeof *type_names) {
            fprintf(stderr, "error: %s: column %s has unknown type '%s'\n", path, item, colon + 1);
            return -1;
        }
        file->columns[i].name = item;
        file->columns[i].type = (enum rf_type)t;
    }
    file->ncolumns = count;
    return 0;
}

int rowfile_read(const char *path, struct rowfile *file) {
    memset(file, 0, sizeof *file);
    size_t size;
    if (read_whole(path, &file->data, &size) != 0) return -1;
    if (size < sizeof magic - 1 || memcmp(file->data, magic, sizeof magic - 1) != 0)
        return fail(path, "not a row file (bad magic; expected 'AILEDGER-ROWS 1')");
    char *line = file->data + sizeof magic - 1;
    char *newline = memchr(line, '\n', size - (size_t)(line - file->data));
    if (newline == NULL) return fail(path, "truncated: no end to the column line");
    *newline = '\0';
    if (parse_columns(path, line, file) != 0) return -1;

    const unsigned char *p = (const unsigned char *)newline + 1;
    const unsigned char *end = (const unsigned char *)file->data + size;
    size_t capacity = 0, used = 0;
    while (p < end) {
        if (used + file->ncolumns > capacity) {
            capacity = capacity ? capacity * 2 : 4096 * file->ncolumns;
            struct rf_value *grown = realloc(file->values, capacity * sizeof *grown);
            if (grown == NULL) return fail(path, "out of memory");
            file->values = grown;
        }
        for (size_t c = 0; c < file->ncolumns; c++) {
            if (end - p < 4) goto truncated;
            int32_t length = (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
            p += 4;
            if (length < -1) {
                fprintf(stderr, "error: %s: row %zu, column %s: bad length %d\n", path, file->nrows + 1,
                        file->columns[c].name, (int)length);
                return -1;
            }
            if (length > end - p) goto truncated;
            file->values[used].bytes = length < 0 ? NULL : (const char *)p;
            file->values[used].length = length;
            used++;
            if (length > 0) p += length;
        }
        file->nrows++;
    }
    return 0;
truncated:
    fprintf(stderr, "error: %s: truncated in row %zu\n", path, file->nrows + 1);
    return -1;
}

void rowfile_free(struct rowfile *file) {
    free(file->values);
    free(file->columns);
    free(file->data);
    memset(file, 0, sizeof *file);
}

/* Copies a short value into buf as a C string; -1 if NULL or too long. */
static int small_string(const struct rf_value *value, char *buf, size_t size) {
    if (value->length < 0 || (size_t)value->length >= size) return -1;
    memcpy(buf, value->bytes, (size_t)value->length);
    buf[value->length] = '\0';
    return 0;
}

static int bad_value(const struct rf_value *value, const char *column, const char *what) {
    if (value->length < 0) fprintf(stderr, "error: column %s: NULL is not %s\n", column, what);
    else fprintf(stderr, "error: column %s: '%.*s' is not %s\n", column, value->length > 64 ? 64 : (int)value->length,
                 value->bytes, what);
    return -1;
}

int rf_parse_int8(const struct rf_value *value, const char *column, int64_t *out) {
    char buf[32], *end;
    if (small_string(value, buf, sizeof buf) != 0 || buf[0] == '\0') return bad_value(value, column, "an int8");
    errno = 0;
    long long n = strtoll(buf, &end, 10);
    if (errno != 0 || *end != '\0') return bad_value(value, column, "an int8");
    *out = (int64_t)n;
    return 0;
}

int rf_parse_float8(const struct rf_value *value, const char *column, double *out) {
    char buf[64], *end;
    if (small_string(value, buf, sizeof buf) != 0 || buf[0] == '\0') return bad_value(value, column, "a float8");
    errno = 0;
    double d = strtod(buf, &end);
    if (*end != '\0' || (errno == ERANGE && d != 0)) return bad_value(value, column, "a float8");
    *out = d;
    return 0;
}

/* Reads exactly n digits at *p. */
static int digits(const char **p, const char *end, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (*p >= end || **p < '0' || **p > '9') return -1;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return 0;
}

static int expect(const char **p, const char *end, char c) {
    if (*p >= end || **p != c) return -1;
    (*p)++;
    return 0;
}

int rf_parse_datetime(const struct rf_value *value, const char *column, struct rf_datetime *out) {
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (value->length < 0) return bad_value(value, column, "a timestamp");
    const char *p = value->bytes, *end = p + value->length;
    struct rf_datetime t = {0};
    if (digits(&p, end, 4, &t.year) || expect(&p, end, '-') || digits(&p, end, 2, &t.month) || expect(&p, end, '-')
        || digits(&p, end, 2, &t.day) || (expect(&p, end, ' ') && expect(&p, end, 'T'))
        || digits(&p, end, 2, &t.hour) || expect(&p, end, ':') || digits(&p, end, 2, &t.minute)
        || expect(&p, end, ':') || digits(&p, end, 2, &t.second))
        return bad_value(value, column, "a timestamp (YYYY-MM-DD HH:MM:SS.ffffff)");
    if (p < end && *p == '.') {
        p++;
        int n = 0;
        for (; p < end && *p >= '0' && *p <= '9'; p++, n++)
            if (n < 6) t.microsecond = t.microsecond * 10 + (*p - '0');
        if (n == 0 || n > 6) return bad_value(value, column, "a timestamp (at most 6 fraction digits)");
        for (; n < 6; n++) t.microsecond *= 10;
    }
    if (p < end && *p == 'Z') p++;
    if (p != end || t.year < 1 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > month_days[t.month - 1] || t.hour > 23
        || t.minute > 59 || t.second > 59
        || (t.month == 2 && t.day == 29 && !(t.year % 4 == 0 && (t.year % 100 != 0 || t.year % 400 == 0))))
        return bad_value(value, column, "a timestamp (YYYY-MM-DD HH:MM:SS.ffffff)");
    *out = t;
    return 0;
}

static char *join(const struct rowfile *file, int placeholders) {
    size_t size = 1;
    for (size_t c = 0; c < file->ncolumns; c++) size += (placeholders ? 1 : strlen(file->columns[c].name)) + 2;
    char *s = malloc(size), *p = s;
    if (s == NULL) { fprintf(stderr, "error: out of memory\n"); exit(1); }
    for (size_t c = 0; c < file->ncolumns; c++) {
        if (c > 0) { *p++ = ','; *p++ = ' '; }
        const char *item = placeholders ? "?" : file->columns[c].name;
        size_t n = strlen(item);
        memcpy(p, item, n);
        p += n;
    }
    *p = '\0';
    return s;
}

char *rf_column_list(const struct rowfile *file) { return join(file, 0); }
char *rf_placeholders(const struct rowfile *file) { return join(file, 1); }

double rf_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
