#ifndef AILEDGER_CMARIADB_SHIM_H
#define AILEDGER_CMARIADB_SHIM_H
#include <mysql.h>
#endif
