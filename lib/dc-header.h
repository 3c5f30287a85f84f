/* Finding the header of a table people made: below title rows, in one row or
 * two (a merged group cell such as 評価値 over 機密性 / 完全性 / 可用性), with
 * the words they use for each column. Shared by every import. */
#pragma once
#include "readers/dc-table.h"

G_BEGIN_DECLS

/* A field and the headers that name it ("|"-separated synonyms, compared
 * after NFKC, case folding and with spaces and ・ removed). */
typedef struct {
  const char *field;
  const char *synonyms;
} DcHeaderSynonyms;

typedef struct {
  guint header_row;       /* 1-based row of the (lower) header row */
  guint first_data_row;   /* 1-based */
  GPtrArray *fields;      /* per 0-based column: field name (const) or NULL */
  GPtrArray *headers;     /* per column: the header text as written (owned) */
  GPtrArray *rows;        /* data rows read while looking (GPtrArray of DcCell*
                             each); the table continues after them */
  GArray *row_numbers;    /* their 1-based row numbers */
} DcHeader;

void dc_header_free (DcHeader *header);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcHeader, dc_header_free)

/* Reads the first rows of TABLE and picks the row whose cells name the most
 * fields (at least two, among them one of REQUIRED). MAP (may be NULL) gives
 * field → header text overrides, and "header_row" forces the row. The error
 * lists the headers it understands when no row qualifies. */
DcHeader *dc_header_detect (DcTable *table, const DcHeaderSynonyms *synonyms,
                            const char *const *required, GHashTable *map, GError **error);

/* The column of FIELD, or -1. */
int       dc_header_column (const DcHeader *header, const char *field);

/* Reads a mapping file: [columns] field = header text; [options] header_row = N,
 * sheet = NAME. Returns field/option → value. */
GHashTable *dc_header_read_map (const char *path, GError **error);

G_END_DECLS
