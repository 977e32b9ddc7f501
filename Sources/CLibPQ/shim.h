#ifndef AILEDGER_CLIBPQ_SHIM_H
#define AILEDGER_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/// Discards server notices (such as "relation already exists, skipping") instead of
/// letting libpq print them to standard error.
static void ailedger_pq_ignore_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

static inline void ailedger_pq_silence_notices(PGconn *conn) {
    PQsetNoticeProcessor(conn, ailedger_pq_ignore_notice, NULL);
}
#endif
