#ifndef AILEDGER_CSQLITE_SHIM_H
#define AILEDGER_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
