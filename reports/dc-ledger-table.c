/* The ledger and the asset list as plain tables (CSV, or one-sheet xlsx). */
#include "dc-ledger-xlsx.h"

typedef struct {
  DcTableWriter *writer;
  const gboolean *numeric;
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
  TableWalk walk = { writer, NULL };
  if (!dc_ledger_foreach (ledger, filter, ledger_row, &walk, error)) {
    dc_table_writer_abort (writer);
    return FALSE;
  }
  return dc_table_writer_finish (writer, error);
}

static gboolean
asset_row (const DcRecord *asset, gpointer data, GError **error)
{
  TableWalk *walk = data;
  return dc_table_writer_row (walk->writer, (const char *const *) asset->values, walk->numeric,
                              dc_record_key (asset), error);
}

gboolean
dc_assets_write (DcStore *store, const DcLedgerFilter *filter, const char *path,
                 DcTableFormat format, const char *encoding, GError **error)
{
  const DcRecordKind *kind = &dc_asset_kind;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gboolean *numeric = g_new0 (gboolean, kind->n_fields);
  for (guint i = 0; i < kind->n_fields; i++) {
    g_strv_builder_add (builder, kind->fields[i].ja);
    numeric[i] = kind->fields[i].kind == DC_FIELD_INT;
  }
  g_auto (GStrv) headers = g_strv_builder_end (builder);
  DcTableWriter *writer = dc_table_writer_new (path, format, encoding, "資産", (const char *const *) headers,
                                               error);
  if (!writer)
    return FALSE;
  DcCondition conditions[2];
  guint n = 0;
  if (filter && filter->section)
    conditions[n++] = (DcCondition) { "section", filter->section, FALSE };
  if (filter && filter->status)
    conditions[n++] = (DcCondition) { "status", filter->status, FALSE };
  TableWalk walk = { writer, numeric };
  if (!dc_record_foreach (store, kind, conditions, n, asset_row, &walk, error)) {
    dc_table_writer_abort (writer);
    return FALSE;
  }
  return dc_table_writer_finish (writer, error);
}
