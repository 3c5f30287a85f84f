/* The ledger and the asset list as plain tables (CSV, or one-sheet xlsx). */
#include "dc-ledger-xlsx.h"

#include <string.h>

typedef struct {
  DcTableWriter *writer;
  const gboolean *numeric;
  DcStore *store;
} TableWalk;

static gboolean
ledger_row (const DcRecord *asset, const char *const *cells, gpointer data, GError **error)
{
  TableWalk *walk = data;
  return dc_table_writer_row (walk->writer, cells, walk->numeric, dc_record_key (asset), error);
}

gboolean
dc_ledger_write_csv (DcLedger *ledger, const DcLedgerFilter *filter, const char *path,
                     const char *encoding, GError **error)
{
  g_auto (GStrv) headers = dc_ledger_headers (ledger);
  DcTableWriter *writer = dc_table_writer_new (path, DC_TABLE_CSV, encoding, NULL,
                                               (const char *const *) headers, error);
  if (!writer)
    return FALSE;
  TableWalk walk = { writer, NULL, NULL };
  if (!dc_ledger_foreach (ledger, filter, ledger_row, &walk, error)) {
    dc_table_writer_abort (writer);
    return FALSE;
  }
  return dc_table_writer_finish (writer, error);
}

/* Every field, then the codes of the assets it uses (利用する資産). */
static gboolean
asset_row (const DcRecord *asset, gpointer data, GError **error)
{
  TableWalk *walk = data;
  g_auto (GStrv) uses = dc_asset_dependencies (walk->store, dc_record_key (asset), FALSE, error);
  if (!uses)
    return FALSE;
  guint n = asset->kind->n_fields;
  g_autofree const char **cells = g_new0 (const char *, n + 2);
  memcpy (cells, asset->values, n * sizeof (char *));
  g_autofree char *joined = g_strjoinv (" ", uses);
  cells[n] = joined;
  return dc_table_writer_row (walk->writer, cells, walk->numeric, dc_record_key (asset), error);
}

gboolean
dc_assets_write (DcStore *store, const DcLedgerFilter *filter, const char *path,
                 DcTableFormat format, const char *encoding, GError **error)
{
  const DcRecordKind *kind = &dc_asset_kind;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gboolean *numeric = g_new0 (gboolean, kind->n_fields + 1);
  for (guint i = 0; i < kind->n_fields; i++) {
    g_strv_builder_add (builder, kind->fields[i].ja);
    numeric[i] = kind->fields[i].kind == DC_FIELD_INT;
  }
  g_strv_builder_add (builder, "利用する資産");
  g_auto (GStrv) headers = g_strv_builder_end (builder);
  DcTableWriter *writer = dc_table_writer_new (path, format, encoding, "資産", (const char *const *) headers,
                                               error);
  if (!writer)
    return FALSE;
  DcCondition conditions[3];
  guint n = dc_ledger_filter_conditions (filter, conditions);
  TableWalk walk = { writer, numeric, store };
  if (!dc_record_foreach (store, kind, conditions, n, asset_row, &walk, error)) {
    dc_table_writer_abort (writer);
    return FALSE;
  }
  return dc_table_writer_finish (writer, error);
}
