#include "import/dc-staff-import.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "import/dc-import-table.h"
#include "base/dc-matchkey.h"
#include <string.h>

/* The first word of each is the header daicho itself writes. 個人番号 is
 * deliberately absent: it is the My Number, not an employee number. */
const DcHeaderSynonyms dc_staff_import_header_synonyms[] = {
  { "employee_no", "職員番号|職員No|職員コード|職員ID|社員番号|社員コード|個人コード|Employee number|Employee No|Employee ID|Staff number|Staff ID" },
  { "name", "氏名|職員名|職員氏名|名前|氏名（漢字）|漢字氏名|氏名漢字|職員氏名（漢字）|Name|Full name" },
  { "reading", "氏名（カナ）|カナ氏名|氏名カナ|氏名（フリガナ）|フリガナ|ふりがな|よみがな|カナ|職員氏名（カナ）|Reading|Kana" },
  { "section", "所属|所属名|所属課|所属部署|課名|部署|部署名|配属先|Section|Department" },
  { "section_code", "所属コード|所属CD|所属番号|部署コード|課コード|Section code|Department code" },
  { "employment", "雇用形態|任用形態|職員区分|身分|雇用区分|任用区分|職員種別|Employment|Employment type" },
  { "status", "在職状況|在職区分|在籍状況|状態|異動区分|発令区分|異動種別|Status" },
  { "status_date", "発令日|異動日|効力発生日|適用日|退職日|異動年月日|発令年月日|Effective date|Status date" },
  { NULL, NULL }
};

static const char *const required_headers[] = { "employee_no", NULL };
static const char *const value_fields[] = { "name", "reading", "section", "employment", "status",
                                            "status_date", NULL };

void
dc_staff_import_report_clear (DcStaffImportReport *report)
{
  g_clear_pointer (&report->sheet, g_free);
  g_clear_pointer (&report->encoding, g_free);
  GPtrArray **arrays[] = { &report->ignored, &report->items, &report->absent, &report->notes,
                           &report->problems, &report->skipped_rows, &report->defaults };
  for (gsize i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_ptr_array_unref);
}

typedef struct {
  guint row;
  char *number;          /* as read; padded when a number cell lost its zeros */
  gboolean number_cell;
  char *existing;        /* the register's employee number for this person, or NULL */
  DcRecord *values;      /* the row's non-empty values (person fields) */
} StaffRow;

static void
staff_row_free (StaffRow *row)
{
  g_free (row->number);
  g_free (row->existing);
  dc_record_free (row->values);
  g_free (row);
}

typedef struct {
  DcStore *store;
  DcImportTable *table;
  const DcStaffImportOptions *options;
  DcStaffImportReport *report;
  const char *date;
  GPtrArray *rows;         /* StaffRow* */
  GHashTable *existing;    /* number key → the register's employee number ("" when ambiguous) */
  GHashTable *seen;        /* number key → row in the file */
  GHashTable *hr_codes;    /* section's HR code (dc_staff_number_key) → the section's code */
} StaffImport;

/* The section a roster's 所属コード names: the one whose HR code it is
 * (`section edit --hr-code`), else the one whose own code it is; NULL. */
static char *
section_of_code (StaffImport *im, const char *text)
{
  g_autofree char *key = dc_staff_number_key (text);
  const char *code = g_hash_table_lookup (im->hr_codes, key);
  if (code)
    return g_strdup (code);
  g_autofree char *own = dc_match_key (text, DC_MATCH_DEFAULT);
  g_autoptr (DcStmt) stmt = dc_store_prepare (im->store, "SELECT code FROM section WHERE code = ?1", NULL);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, own);
  return dc_store_step (im->store, stmt, NULL) == DC_STMT_ROW ? dc_stmt_dup (stmt, 0) : NULL;
}

static gboolean
load_hr_codes (StaffImport *im, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      im->store, "SELECT hr_code, code FROM section WHERE hr_code IS NOT NULL", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (im->store, stmt, error)) == DC_STMT_ROW)
    g_hash_table_insert (im->hr_codes, dc_staff_number_key (dc_stmt_text (stmt, 0)),
                         dc_stmt_dup (stmt, 1));
  return rc == DC_STMT_DONE;
}

static void
read_staff_row (DcImportTable *table, const DcImportRow *data_row, gpointer data)
{
  StaffImport *im = data;
  StaffRow *row = g_new0 (StaffRow, 1);
  row->row = data_row->number;
  row->number = dc_import_row_field (table, data_row, "employee_no", TRUE);
  const DcCell *cell = dc_import_row_cell (table, data_row, "employee_no");
  row->number_cell = cell && cell->type == DC_CELL_NUMBER;
  row->values = dc_record_new (&dc_person_kind);
  /* 所属コード: the section whose HR code it is; the 所属 column otherwise. */
  g_autofree char *section_code = dc_import_row_field (table, data_row, "section_code", TRUE);
  g_autofree char *coded = *section_code ? section_of_code (im, section_code) : NULL;
  if (coded)
    dc_record_set (row->values, "section", coded, NULL);
  for (const char *const *f = value_fields; *f; f++) {
    if (coded && g_str_equal (*f, "section"))
      continue;
    g_autofree char *text = dc_import_row_field (table, data_row, *f, TRUE);
    if (*section_code && !coded && !*text && g_str_equal (*f, "section")) {
      g_autofree char *message = g_strdup_printf (
          _ ("所属コード %s is the code of no section; record it on its section with "
             "`daicho section edit SECTION --hr-code %s`, or give the column 所属 (the section's name)"),
          section_code, section_code);
      dc_import_table_problem (table, row->row, "section_code", message);
      continue;
    }
    if (!*text)
      continue;
    g_autoptr (GError) error = NULL;
    if (!dc_record_check_value (im->store, dc_record_kind_field (&dc_person_kind, *f), text, &error))
      dc_import_table_problem (table, row->row, *f, error->message);
    else
      dc_record_set (row->values, *f, text, NULL);
  }
  g_ptr_array_add (im->rows, row);
}

/* The length most all-digit employee numbers have (0 when none do), so that
 * a number cell that lost its zeros (1876) can get them back (001876). */
static guint
usual_number_width (StaffImport *im)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, im->existing);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    const char *number = value;
    if (*number && strspn (number, "0123456789") == strlen (number)) {
      gpointer n = g_hash_table_lookup (counts, GSIZE_TO_POINTER (strlen (number)));
      g_hash_table_insert (counts, GSIZE_TO_POINTER (strlen (number)),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
    }
  }
  for (guint i = 0; i < im->rows->len; i++) {
    StaffRow *row = g_ptr_array_index (im->rows, i);
    if (!row->number_cell && *row->number && strspn (row->number, "0123456789") == strlen (row->number)) {
      gpointer n = g_hash_table_lookup (counts, GSIZE_TO_POINTER (strlen (row->number)));
      g_hash_table_insert (counts, GSIZE_TO_POINTER (strlen (row->number)),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
    }
  }
  gsize best = 0, best_count = 0;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best_count) {
      best = GPOINTER_TO_SIZE (key);
      best_count = GPOINTER_TO_SIZE (value);
    }
  return (guint) best;
}

static gboolean
load_existing (StaffImport *im, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (im->store, "SELECT employee_no FROM person", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (im->store, stmt, error)) == DC_STMT_ROW) {
    const char *number = dc_stmt_text (stmt, 0);
    char *key = dc_staff_number_key (number);
    /* 01876 and 001876 both in the register: which one a row means is unclear. */
    gboolean twice = g_hash_table_contains (im->existing, key);
    g_hash_table_insert (im->existing, key, g_strdup (twice ? "" : number));
  }
  return rc == DC_STMT_DONE;
}

/* A roster must not carry 個人番号 (My Number, 番号法): a column whose header
 * names it is refused, whatever field it would have been read as. */
static void
refuse_my_number_columns (StaffImport *im)
{
  static const char *const words[] = { "個人番号", "マイナンバー", "mynumber", "特定個人情報" };
  const DcHeader *header = dc_import_table_header (im->table);
  for (guint c = 0; c < header->headers->len; c++) {
    g_autofree char *key = dc_staff_name_key (g_ptr_array_index (header->headers, c));
    for (gsize w = 0; w < G_N_ELEMENTS (words); w++)
      if (strstr (key, words[w])) {
        dc_import_table_problem_at (im->table, header->header_row, (int) c,
                                    _ ("a column of 個人番号 (My Number): the roster must not carry "
                                       "個人番号; delete the column from the file and import it again"));
        break;
      }
  }
}

/* Twelve digits are a 個人番号, not an employee number. */
static gboolean
looks_like_my_number (const char *number)
{
  return strlen (number) == 12 && strspn (number, "0123456789") == 12;
}

/* Matches each row to a person of the register and checks what the values
 * of a new person need. */
static void
check_rows (StaffImport *im)
{
  guint width = usual_number_width (im);
  for (guint i = 0; i < im->rows->len; i++) {
    StaffRow *row = g_ptr_array_index (im->rows, i);
    if (!*row->number) {
      dc_import_table_problem (im->table, row->row, "employee_no",
                               _ ("職員番号 (employee number) is empty; every row needs one"));
      continue;
    }
    if (looks_like_my_number (row->number)) {
      dc_import_table_problem (im->table, row->row, "employee_no",
                               _ ("12 digits, like a 個人番号 (My Number): the roster must not carry "
                                  "個人番号; give the column of 職員番号 instead"));
      continue;
    }
    g_autofree char *key = dc_staff_number_key (row->number);
    guint earlier = GPOINTER_TO_UINT (g_hash_table_lookup (im->seen, key));
    if (earlier) {
      g_autofree char *message = g_strdup_printf (
          _ ("employee number %s is already in row %u of this file"), row->number, earlier);
      dc_import_table_problem (im->table, row->row, "employee_no", message);
      continue;
    }
    g_hash_table_insert (im->seen, g_strdup (key), GUINT_TO_POINTER (row->row));
    const char *existing = g_hash_table_lookup (im->existing, key);
    if (existing && !*existing) {
      g_autofree char *message = g_strdup_printf (
          _ ("employee number %s matches several persons of the register that differ only in "
          "leading zeros; write the number exactly as the register has it"), row->number);
      dc_import_table_problem (im->table, row->row, "employee_no", message);
      continue;
    }
    row->existing = g_strdup (existing);
    if (!existing && row->number_cell && width > strlen (row->number) &&
        strspn (row->number, "0123456789") == strlen (row->number)) {
      g_autofree char *padded = g_strdup_printf ("%0*d", (int) width, 0);
      strcpy (padded + width - strlen (row->number), row->number);
      g_autofree char *where = dc_import_table_where (im->table, row->row, "employee_no");
      g_ptr_array_add (im->report->notes,
                       g_strdup_printf (_ ("%s: %s was a number cell (Excel drops leading zeros); "
                                        "read as %s like the other employee numbers"), where,
                                        row->number, padded));
      g_free (row->number);
      row->number = g_steal_pointer (&padded);
    }
    if (!existing && !dc_record_get (row->values, "name"))
      dc_import_table_problem (im->table, row->row, "name",
                               _ ("氏名 (name) is empty; a new person needs it"));
  }
}

typedef struct {
  const char *employee_no;
  const DcRecord *changes;
} PersonUpdate;

static gboolean
apply_person_update (DcStore *store, gpointer data, GError **error)
{
  PersonUpdate *update = data;
  return dc_record_update (store, update->employee_no, update->changes, error);
}

static gboolean
update_person (StaffImport *im, StaffRow *row, GError **error)
{
  g_autoptr (DcRecord) current = dc_record_get_one (im->store, &dc_person_kind, row->existing, error);
  if (!current)
    return FALSE;
  gboolean any = FALSE;
  for (const char *const *f = value_fields; *f; f++)
    any |= dc_record_get (row->values, *f) != NULL;
  const char *status = dc_record_get (row->values, "status");
  if (status && !dc_record_get (row->values, "status_date")) {
    /* A status that changes without a date of its own takes the roster's date. */
    const DcEnumValue *value = dc_enum_find (dc_record_kind_field (&dc_person_kind, "status"), status);
    if (value && g_strcmp0 (value->code, dc_record_get (current, "status")) != 0)
      dc_record_set (row->values, "status_date", im->date, NULL);
  }
  if (!any)
    return TRUE;
  PersonUpdate update = { row->existing, row->values };
  return dc_change (im->store, NC_ ("action", "import"), "person", row->existing, apply_person_update, &update, error);
}

static gboolean
add_person (StaffImport *im, StaffRow *row, GError **error)
{
  dc_record_set (row->values, "employee_no", row->number, NULL);
  if (dc_record_get (row->values, "status") && !dc_record_get (row->values, "status_date")) {
    const DcEnumValue *value = dc_enum_find (dc_record_kind_field (&dc_person_kind, "status"),
                                             dc_record_get (row->values, "status"));
    if (value && !g_str_equal (value->code, "active"))
      dc_record_set (row->values, "status_date", im->date, NULL);
  }
  return dc_record_add (im->store, row->values, error);
}

/* Persons the register has as present (active, on leave) and the file does
 * not list: noted, and retired on the roster's date when asked. */
static gboolean
handle_absent (StaffImport *im, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      im->store, "SELECT employee_no, name FROM person WHERE status IN ('active', 'on_leave')"
                 " ORDER BY employee_no", error);
  if (!stmt)
    return FALSE;
  g_autoptr (GPtrArray) absent = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (im->store, stmt, error)) == DC_STMT_ROW) {
    const char *number = dc_stmt_text (stmt, 0);
    g_autofree char *key = dc_staff_number_key (number);
    if (!g_hash_table_contains (im->seen, key)) {
      g_ptr_array_add (absent, g_strdup (number));
      g_ptr_array_add (im->report->absent,
                       g_strdup_printf ("%s %s", number, dc_stmt_text (stmt, 1)));
    }
  }
  if (rc != DC_STMT_DONE)
    return FALSE;
  for (guint i = 0; im->options->retire_absent && i < absent->len; i++) {
    g_autoptr (DcRecord) changes = dc_record_new (&dc_person_kind);
    dc_record_set (changes, "status", "retired", NULL);
    dc_record_set (changes, "status_date", im->date, NULL);
    PersonUpdate update = { g_ptr_array_index (absent, i), changes };
    if (!dc_change (im->store, NC_ ("action", "import"), "person", update.employee_no, apply_person_update,
                    &update, error))
      return FALSE;
    DcImportItem *item = g_new0 (DcImportItem, 1);
    item->code = g_strdup (update.employee_no);
    item->action = g_strdup ("retire");
    item->changes = g_strdup_printf (_ ("not in the roster: status → retired on %s"), im->date);
    g_ptr_array_add (im->report->items, item);
    im->report->retired++;
  }
  return TRUE;
}

static gboolean
apply_rows (StaffImport *im, gint64 first_seq, GError **error)
{
  for (guint i = 0; i < im->rows->len; i++) {
    StaffRow *row = g_ptr_array_index (im->rows, i);
    g_autoptr (GError) local = NULL;
    if (!(row->existing ? update_person (im, row, &local) : add_person (im, row, &local)))
      dc_import_table_problem (im->table, row->row, NULL, local->message);
    dc_progress_update (_ ("rows stored"), i + 1, im->rows->len);
  }
  dc_progress_done ();
  if (im->report->problems->len)
    return TRUE;
  g_autoptr (DcHistoryOutcomes) outcomes = dc_history_outcomes_since (im->store, "person", first_seq, NULL,
                                                                      error);
  if (!outcomes)
    return FALSE;
  for (guint i = 0; i < im->rows->len; i++) {
    StaffRow *row = g_ptr_array_index (im->rows, i);
    DcImportItem *item = g_new0 (DcImportItem, 1);
    item->row = row->row;
    item->code = g_strdup (row->existing ? row->existing : row->number);
    const char *outcome = dc_history_outcomes_get (outcomes, item->code, &item->changes);
    if (g_str_equal (outcome, "add")) {
      g_free (item->changes);
      item->changes = g_strdup (dc_record_get (row->values, "name"));
    }
    item->action = g_strdup (outcome);
    guint *counter = g_str_equal (outcome, "add") ? &im->report->added
                     : g_str_equal (outcome, "update") ? &im->report->updated
                     : &im->report->unchanged;
    (*counter)++;
    g_ptr_array_add (im->report->items, item);
  }
  return handle_absent (im, error);
}

gboolean
dc_staff_import (DcStore *store, const char *path, const DcStaffImportOptions *options,
                 DcStaffImportReport *report, GError **error)
{
  memset (report, 0, sizeof *report);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_import_item_free);
  report->absent = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = dc_date_today ();
  g_autofree char *date = options->date ? dc_date_normalise (options->date, "--date", error)
                                        : g_strdup (today);
  if (!date)
    return FALSE;
  g_autoptr (DcImportTable) table = dc_import_table_open (path, &options->source,
                                                          dc_staff_import_header_synonyms, required_headers,
                                                          report->problems, error);
  if (!table)
    return FALSE;
  dc_import_table_describe (table, &report->sheet, &report->encoding, &report->header_row, &report->ignored,
                            &report->skipped_rows);

  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) staff_row_free);
  g_autoptr (GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) hr_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  StaffImport im = { store, table, options, report, date, rows, existing, seen, hr_codes };
  if (!dc_store_begin (store, error))
    return FALSE;
  gint64 head_seq = 0;
  g_autofree char *head = dc_history_head (store, &head_seq, NULL);
  /* Adding a person checks its number against look-alikes: an index for the whole file. */
  refuse_my_number_columns (&im);
  gboolean refused = report->problems->len > 0;
  gboolean ok = refused || (dc_record_index_codes (store, &dc_person_kind, error) &&
                            load_existing (&im, error) && load_hr_codes (&im, error) &&
                            dc_import_table_foreach (table, read_staff_row, &im, error));
  report->defaults = dc_import_table_defaults_used (table);
  if (ok && !refused)
    check_rows (&im);
  if (ok && report->problems->len == 0)
    ok = apply_rows (&im, head_seq + 1, error);
  dc_record_unindex_codes (store, &dc_person_kind);
  return dc_import_finish (store, path, ok, options->dry_run, report->problems, 0, error);
}
