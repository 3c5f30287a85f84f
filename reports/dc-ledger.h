/* The ledger (情報資産台帳) as rows of display text: the columns of the
 * register (DOMAIN.md §1) with levels as "3 課外秘", 重要度, the person
 * holding the responsible post on the ledger's date, and the disposal record
 * in one column. It is a document to print and read; `export assets` is the
 * data form with every field. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

typedef struct {
  const char *key;     /* an asset field name, or "value" / "holder" / "disposal" */
  const char *ja;
  const char *en;
  guint max_width;     /* print width cap (Excel units); longer text wraps */
  gboolean numeric;
} DcLedgerColumn;

const DcLedgerColumn *dc_ledger_columns (guint *n_columns);

typedef struct _DcLedger DcLedger;

/* DATE: whose holders to show (the export date, or the --as-of date). */
DcLedger *dc_ledger_new (DcStore *store, const char *date, gboolean english, GError **error);
void      dc_ledger_free (DcLedger *ledger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcLedger, dc_ledger_free)

DcStore        *dc_ledger_store (DcLedger *ledger);
const DcScheme *dc_ledger_scheme (DcLedger *ledger);
const char     *dc_ledger_date (DcLedger *ledger);
gboolean        dc_ledger_english (DcLedger *ledger);
/* The organisation's name from the register's settings ("" when unset). */
const char     *dc_ledger_organisation (DcLedger *ledger);

typedef struct {
  const char *section;  /* code or name; includes subsections; NULL: all */
  const char *status;   /* NULL: all */
  const char *system;   /* code or name; NULL: all */
} DcLedgerFilter;

/* The record-engine conditions of FILTER (at most 3) in CONDITIONS; returns
 * how many. */
guint     dc_ledger_filter_conditions (const DcLedgerFilter *filter, DcCondition conditions[3]);

/* One asset: the record as read, and its cells in column order. */
typedef gboolean (*DcLedgerRowFunc) (const DcRecord *asset, const char *const *cells,
                                     gpointer user_data, GError **error);

gboolean  dc_ledger_foreach (DcLedger *ledger, const DcLedgerFilter *filter, DcLedgerRowFunc func,
                             gpointer user_data, GError **error);

/* The column headers in the ledger's language (NULL-terminated, owned). */
GStrv     dc_ledger_headers (DcLedger *ledger);

G_END_DECLS
