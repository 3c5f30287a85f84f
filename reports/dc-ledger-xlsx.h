/* Writers of the ledger: the print-ready workbook and the CSV. */
#pragma once
#include "dc-ledger.h"
#include "dc-table-writer.h"

G_BEGIN_DECLS

/* 全体 (every asset), one sheet per section, 集計 (counts and a chart); A4
 * landscape, one page wide, header row repeated, page header with title,
 * section and date, the handling mark on sheets holding marked assets. */
gboolean dc_ledger_write_xlsx (DcLedger *ledger, const DcLedgerFilter *filter, const char *path,
                               GError **error);

/* The 全体 rows as CSV in ENCODING (see dc_table_writer_new). */
gboolean dc_ledger_write_csv (DcLedger *ledger, const DcLedgerFilter *filter, const char *path,
                              const char *encoding, GError **error);

/* The register's assets in the column form `daicho import assets` reads back:
 * every field, Japanese headers, stored codes, and 利用する資産 (the codes of
 * the assets each uses, separated by spaces). */
gboolean dc_assets_write (DcStore *store, const DcLedgerFilter *filter, const char *path,
                          DcTableFormat format, const char *encoding, GError **error);

G_END_DECLS
