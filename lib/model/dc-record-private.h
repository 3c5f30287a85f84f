/* What the files implementing dc-record.h (dc-record.c, dc-record-input.c,
 * dc-record-names.c) share; not installed, not for other modules. */
#pragma once
#include "model/dc-record.h"

G_BEGIN_DECLS

/* A value ready to bind. */
typedef struct {
  gboolean is_null;
  gboolean is_int;
  gint64 number;
  char *text;
} DcRecordBound;

void     dc_record_bound_clear (DcRecordBound *bound);
void     dc_record_bind_value (DcStmt *stmt, int index, const DcRecordBound *bound);
/* Turns what a user gave for FIELD into what the column stores. */
gboolean dc_record_resolve_field (DcStore *store, const DcField *field, const char *text, DcRecordBound *out,
                                  GError **error);
/* Appends FIELD's column to a SELECT list: a reference as its key and
 * its display name. */
void     dc_record_append_select (GString *sql, const DcField *field);
/* SELECT of KIND's records (one by KEY when not NULL) under the conditions,
 * grouped by GROUP_FIELD when not NULL. */
DcStmt *dc_record_prepare_select (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                                        guint n_conditions, const char *key, const DcField *group_field,
                                        GError **error);

G_END_DECLS
