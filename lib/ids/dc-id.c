#include "ids/dc-id.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "base/dc-matchkey.h"
#include "store/dc-snapshot.h"
#include "model/dc-staff.h"
#include "base/dc-text.h"

#include <string.h>

#define N(fields) G_N_ELEMENTS (fields)

static const DcEnumValue id_kind_values[] = {
  { "user", "一般ID", "User ID", "一般|利用者|利用者ID|ユーザー|ユーザーID|一般ユーザー|職員" },
  { "privileged", "特権ID", "Privileged ID", "特権|管理者|管理者ID|システム管理者|admin|administrator" },
  { "shared", "共有ID", "Shared ID", "共有|共用|共用ID|グループID" },
  { "service", "サービスID", "Service ID", "サービス|システムID|バッチ|バッチID|service account" },
  { "emergency", "緊急用ID", "Emergency ID", "緊急|緊急用|非常用|非常用ID|break glass" },
  { NULL, NULL, NULL, NULL }
};

static const DcEnumValue id_status_values[] = {
  { "active", "有効", "Active", "使用中|利用中|現用" },
  { "revoked", "削除", "Revoked", "削除済|抹消|無効|廃止|停止|deleted" },
  { NULL, NULL, NULL, NULL }
};

/* Field names are the column names of id_entry (system: system_id). */
static const DcField id_fields[] = {
  { "system", "system_id", DC_FIELD_REF, DC_FIELD_REQUIRED, "システム", "System", "system", 0, NULL },
  { "login_id", "login_id", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "ログインID", "Login ID", NULL, 0, NULL },
  { "holder", "holder", DC_FIELD_TEXT, 0, "職員番号", "Employee number", NULL, 0, NULL },
  { "holder_name", "holder_name", DC_FIELD_TEXT, 0, "氏名", "Holder", NULL, 0, NULL },
  { "kind", "kind", DC_FIELD_ENUM, 0, "ID種別", "Kind", NULL, 0, id_kind_values },
  { "privileges", "privileges", DC_FIELD_LIST, 0, "権限", "Privileges", NULL, 0, NULL },
  { "applicant", "applicant", DC_FIELD_TEXT, 0, "申請者", "Applicant", NULL, 0, NULL },
  { "approver", "approver", DC_FIELD_TEXT, 0, "承認者", "Approver", NULL, 0, NULL },
  { "registrar", "registrar", DC_FIELD_TEXT, 0, "登録者", "Registrar", NULL, 0, NULL },
  { "approved_on", "approved_on", DC_FIELD_DATE, 0, "承認日", "Approved on", NULL, 0, NULL },
  { "valid_until", "valid_until", DC_FIELD_DATE, 0, "有効期限", "Valid until", NULL, 0, NULL },
  { "shared_reason", "shared_reason", DC_FIELD_TEXT, 0, "共有理由", "Reason for sharing", NULL, 0, NULL },
  { "shared_users", "shared_users", DC_FIELD_LIST, 0, "共有者", "Shared by", NULL, 0, NULL },
  { "status", "status", DC_FIELD_ENUM, DC_FIELD_MANAGED, "状態", "Status", NULL, 0, id_status_values },
  { "revoked_on", "revoked_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "削除日", "Revoked on", NULL, 0, NULL },
  { "note", "note", DC_FIELD_TEXT, 0, "備考", "Note", NULL, 0, NULL },
  { "created_on", "created_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "登録日", "Created on", NULL, 0, NULL },
  { "updated_on", "updated_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "更新日", "Updated on", NULL, 0, NULL },
};
const DcRecordKind dc_id_kind = { NC_ ("entity", "id_entry"), "id_entry", "ID", id_fields, N (id_fields) };

void
dc_id_entry_free (DcIdEntry *e)
{
  if (!e)
    return;
  char *texts[] = { e->system, e->login_id, e->login_key, e->holder, e->holder_name, e->kind,
                    e->applicant, e->approver, e->registrar, e->approved_on, e->valid_until,
                    e->shared_reason, e->status, e->revoked_on, e->note, e->created_on,
                    e->updated_on };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
  g_strfreev (e->privileges);
  g_strfreev (e->shared_users);
  g_free (e);
}

char *
dc_id_history_key (const char *system, const char *login_id)
{
  return g_strconcat (system, "/", login_id, NULL);
}

const char *
dc_id_kind_name (const char *code)
{
  const DcEnumValue *v = dc_enum_by_code (dc_record_kind_field (&dc_id_kind, "kind"), code);
  if (!v)
    v = dc_enum_by_code (dc_record_kind_field (&dc_id_kind, "status"), code);
  return v ? v->ja : code;
}

/* ---- reading ---- */

#define ENTRY_COLUMNS                                                                       \
  "s.code, e.login_id, e.login_key, e.holder, e.holder_name, e.kind, e.privileges,"         \
  " e.applicant, e.approver, e.registrar, e.approved_on, e.valid_until, e.shared_reason,"   \
  " e.shared_users, e.status, e.revoked_on, e.note, e.created_on, e.updated_on"

static GStrv
list_column (DcStmt *stmt, int column)
{
  GStrv list = dc_text_list_from_json (dc_stmt_text (stmt, column));
  return list ? list : g_new0 (char *, 1);
}

static DcIdEntry *
entry_from_row (DcStmt *stmt)
{
  DcIdEntry *e = g_new0 (DcIdEntry, 1);
  char **texts[] = { &e->system, &e->login_id, &e->login_key, &e->holder, &e->holder_name,
                     &e->kind, NULL, &e->applicant, &e->approver, &e->registrar,
                     &e->approved_on, &e->valid_until, &e->shared_reason, NULL, &e->status,
                     &e->revoked_on, &e->note, &e->created_on, &e->updated_on };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i])
      *texts[i] = dc_stmt_dup (stmt, (int) i);
  e->privileges = list_column (stmt, 6);
  e->shared_users = list_column (stmt, 13);
  return e;
}

/* The entry of SYSTEM_ID written LOGIN, or the one that reads the same; its
 * login as stored in *FOUND. FALSE with an error when none or several. */
static gboolean
find_login (DcStore *store, gint64 system_id, const char *system, const char *login, char **found,
            GError **error)
{
  g_autofree char *key = dc_match_key (login, DC_MATCH_DEFAULT);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT login_id FROM id_entry WHERE system_id = ?1 AND (login_id = ?2 OR login_key = ?3)"
             " ORDER BY login_id = ?2 DESC, login_id", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  dc_stmt_bind_text (stmt, 2, login);
  dc_stmt_bind_text (stmt, 3, key);
  g_autoptr (GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (logins, dc_stmt_dup (stmt, 0));
  if (rc != DC_STMT_DONE)
    return FALSE;
  if (logins->len == 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("the ID register of %s has no login '%s' (see `daicho id list --system %s`)"),
                 system, login, system);
    return FALSE;
  }
  if (logins->len > 1 && !g_str_equal (g_ptr_array_index (logins, 0), login)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("login '%s' of %s is ambiguous: the register has %s and %s, which differ only in "
                 "width or spaces; write the login exactly"), login, system,
                 (const char *) g_ptr_array_index (logins, 0), (const char *) g_ptr_array_index (logins, 1));
    return FALSE;
  }
  *found = g_strdup (g_ptr_array_index (logins, 0));
  return TRUE;
}

DcIdEntry *
dc_id_get (DcStore *store, const char *system, const char *login, GError **error)
{
  g_autofree char *code = NULL;
  gint64 system_id = dc_record_resolve_with_code (store, &dc_system_kind, system, &code, error);
  g_autofree char *found = NULL;
  if (!system_id || !find_login (store, system_id, code, login, &found, error))
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " ENTRY_COLUMNS " FROM id_entry e JOIN system s ON s.id = e.system_id"
             " WHERE e.system_id = ?1 AND e.login_id = ?2", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  dc_stmt_bind_text (stmt, 2, found);
  return dc_store_step (store, stmt, error) == DC_STMT_ROW ? entry_from_row (stmt) : NULL;
}

gboolean
dc_id_foreach (DcStore *store, const DcIdFilter *filter, DcIdFunc func, gpointer user_data,
               GError **error)
{
  gint64 system_id = 0;
  if (filter && filter->system && !(system_id = dc_record_resolve (store, &dc_system_kind, filter->system, error)))
    return FALSE;
  g_autofree char *kind = NULL, *status = NULL, *holder = NULL;
  const DcField *kind_field = dc_record_kind_field (&dc_id_kind, "kind");
  const DcField *status_field = dc_record_kind_field (&dc_id_kind, "status");
  if (filter && filter->kind && !(kind = dc_record_stored_value (store, kind_field, filter->kind, error)))
    return FALSE;
  if (filter && filter->status && !(status = dc_record_stored_value (store, status_field, filter->status, error)))
    return FALSE;
  if (filter && filter->holder)
    holder = dc_staff_number_key (filter->holder);
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " ENTRY_COLUMNS " FROM id_entry e JOIN system s ON s.id = e.system_id"
             " WHERE (?1 = 0 OR e.system_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR e.kind = ?2)"
             "   AND (CAST(?3 AS TEXT) IS NULL OR e.status = ?3)"
             "   AND (CAST(?4 AS TEXT) IS NULL OR (CASE WHEN ltrim(e.holder, '0123456789') <> '' OR e.holder = '' THEN e.holder"
             "        ELSE coalesce(nullif(ltrim(e.holder, '0'), ''), '0') END) = ?4)"
             " ORDER BY s.code, e.login_id", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  dc_stmt_bind_text (stmt, 2, kind);
  dc_stmt_bind_text (stmt, 3, status);
  dc_stmt_bind_text (stmt, 4, holder);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_autoptr (DcIdEntry) entry = entry_from_row (stmt);
    if (!func (entry, user_data, error))
      return FALSE;
  }
  return rc == DC_STMT_DONE;
}

/* ---- writing ---- */

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}


/* What the register stores for HOLDER and HOLDER_NAME: a person of the
 * roster by number (or, with no number, by a name only one person has) is
 * stored by the register's own employee number, with its name by default. */
static void
canonical_holder (DcStaffRoster *roster, char **holder, char **holder_name)
{
  const DcStaffMember *m = *holder ? dc_staff_roster_by_number (roster, *holder)
                           : *holder_name && **holder_name ? dc_staff_roster_find (roster, *holder_name)
                           : NULL;
  if (!m)
    return;
  g_free (*holder);
  *holder = g_strdup (m->employee_no);
  if (!*holder_name || !**holder_name) {
    g_free (*holder_name);
    *holder_name = g_strdup (m->name);
  }
}


/* Sorted, without duplicates: a set of names. */
static char *
sorted_list_json (const char *json)
{
  g_auto (GStrv) items = dc_text_list_from_json (json);
  if (!items)
    return g_strdup ("[]");
  guint n = g_strv_length (items);
  qsort (items, n, sizeof (char *), compare_strings);
  g_autoptr (GStrvBuilder) unique = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    if (i == 0 || !g_str_equal (items[i], items[i - 1]))
      g_strv_builder_add (unique, items[i]);
  g_auto (GStrv) sorted = g_strv_builder_end (unique);
  return dc_text_list_to_json ((const char *const *) sorted);
}

/* The record's values as the columns store them: name → text (NULL: SQL NULL). */
/* EDIT: the key may not be given; managed fields only when MANAGED (an
 * import carries the status and revocation date of its rows). */
static GHashTable *
stored_values (DcStore *store, DcStaffRoster *roster, const DcRecord *record, gboolean edit,
               gboolean managed, GError **error)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < dc_id_kind.n_fields; i++) {
    const DcField *field = &dc_id_kind.fields[i];
    const char *value = record->values[i];
    if (!value || g_str_equal (field->name, "system"))
      continue;
    if (edit && managed && (g_str_equal (field->name, "created_on") ||
                            g_str_equal (field->name, "updated_on") || (field->flags & DC_FIELD_KEY)))
      continue;   /* they describe the file's copy, not this change */
    if (edit && ((field->flags & DC_FIELD_KEY) || ((field->flags & DC_FIELD_MANAGED) && !managed))) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s (%s) cannot be edited%s"),
                   field->name, field->ja, (field->flags & DC_FIELD_KEY)
                   ? _ (": add a new entry and revoke this one") : _ ("; daicho maintains it"));
      g_hash_table_unref (values);
      return NULL;
    }
    GError *local = NULL;
    char *stored = dc_record_stored_value (store, field, value, &local);
    if (local) {
      g_propagate_error (error, local);
      g_hash_table_unref (values);
      return NULL;
    }
    if (field->kind == DC_FIELD_LIST) {
      char *sorted = sorted_list_json (stored ? stored : "[]");
      g_free (stored);
      stored = sorted;
    }
    if (field->kind == DC_FIELD_TEXT && !(field->flags & DC_FIELD_KEY) && stored) {
      char *trimmed = dc_match_key (stored, DC_MATCH_TRIM);   /* free text: without stray spaces */
      g_free (stored);
      stored = trimmed;
    }
    g_hash_table_insert (values, (gpointer) field->name, stored);
  }
  if (g_hash_table_contains (values, "holder") || g_hash_table_contains (values, "holder_name")) {
    char *holder = g_strdup (g_hash_table_lookup (values, "holder"));
    char *name = g_strdup (g_hash_table_lookup (values, "holder_name"));
    if (holder && !*holder)
      g_clear_pointer (&holder, g_free);
    canonical_holder (roster, &holder, &name);
    g_hash_table_insert (values, "holder", holder);
    g_hash_table_insert (values, "holder_name", name ? name : g_strdup (""));
  }
  return values;
}

/* Binds VALUES into "INSERT INTO id_entry (cols) VALUES (?...)" or
 * "UPDATE id_entry SET col = ?, ... WHERE id = ?". Column names come from
 * the field table, never from input. */
static gboolean
write_columns (DcStore *store, GHashTable *values, gint64 update_id, GError **error)
{
  g_autoptr (GString) sql = g_string_new (update_id ? "UPDATE id_entry SET " : "INSERT INTO id_entry (");
  g_autoptr (GString) params = g_string_new (NULL);
  /* In name order, so that the same columns make the same SQL (prepared once). */
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (order, key);
  g_ptr_array_sort (order, compare_strings);
  for (guint i = 0; i < order->len; i++) {
    const char *name = g_ptr_array_index (order, i);
    const DcField *field = dc_record_kind_field (&dc_id_kind, name);
    const char *column = field ? field->column : name;  /* entry_key, system_id, login_key */
    if (update_id)
      g_string_append_printf (sql, "%s%s = ?%u", i ? ", " : "", column, i + 1);
    else {
      g_string_append_printf (sql, "%s%s", i ? ", " : "", column);
      g_string_append_printf (params, "%s?%u", i ? ", " : "", i + 1);
    }
  }
  if (update_id)
    g_string_append_printf (sql, " WHERE id = ?%u", order->len + 1);
  else
    g_string_append_printf (sql, ") VALUES (%s)", params->str);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql->str, error);
  if (!stmt)
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    dc_stmt_bind_text (stmt, (int) i + 1, g_hash_table_lookup (values, g_ptr_array_index (order, i)));
  if (update_id)
    dc_stmt_bind_int64 (stmt, (int) order->len + 1, update_id);
  return dc_store_run (store, stmt, error);
}

typedef struct {
  GHashTable *values;
  gint64 id;            /* edits */
} IdWrite;

static gboolean
apply_insert (DcStore *store, gpointer data, GError **error)
{
  return write_columns (store, ((IdWrite *) data)->values, 0, error);
}

/* Another login of the system that reads the same (ｓａｔｏ and sato) would
 * be taken for this one: refused, as codes are. */
static gboolean
refuse_look_alike (DcStore *store, gint64 system_id, const char *system, const char *login,
                   const char *key, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT login_id FROM id_entry WHERE system_id = ?1 AND login_key = ?2", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  dc_stmt_bind_text (stmt, 2, key);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    const char *existing = dc_stmt_text (stmt, 0);
    if (g_str_equal (existing, login))
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                   _ ("the ID register of %s already has login '%s'; edit it with `daicho id edit`"),
                   system, login);
    else
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                   _ ("login '%s' differs from '%s', already in the ID register of %s, only in width "
                   "or spaces; use that one or a login that reads differently"), login, existing, system);
    return FALSE;
  }
  return rc == DC_STMT_DONE;
}

/* An active entry has no revocation date; a revoked one always has one. */
static void
consistent_status (GHashTable *values, const char *today)
{
  const char *status = g_hash_table_lookup (values, "status");
  if (!status)
    return;
  if (g_str_equal (status, "active"))
    g_hash_table_insert (values, "revoked_on", NULL);
  else if (!g_hash_table_lookup (values, "revoked_on"))
    g_hash_table_insert (values, "revoked_on", g_strdup (today));
}

gboolean
dc_id_add (DcStore *store, DcStaffRoster *roster, const DcRecord *entry, GError **error)
{
  g_return_val_if_fail (entry->kind == &dc_id_kind, FALSE);
  const char *system = dc_record_get (entry, "system");
  const char *login = dc_record_get (entry, "login_id");
  if (!system || !login || !*login) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s is required for a new ID"),
                 !system ? _ ("the system (--system)") : _ ("the login ID"));
    return FALSE;
  }
  if (strchr (login, '\n') || strchr (login, '\t')) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("login ID '%s' holds a line break or tab; write one login per entry"), login);
    return FALSE;
  }
  g_autofree char *code = NULL;
  gint64 system_id = dc_record_resolve_with_code (store, &dc_system_kind, system, &code, error);
  if (!system_id)
    return FALSE;
  g_autofree char *key = dc_match_key (login, DC_MATCH_DEFAULT);
  if (!*key) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("the login ID is empty"));
    return FALSE;
  }
  if (!refuse_look_alike (store, system_id, code, login, key, error))
    return FALSE;
  g_autoptr (DcStaffRoster) own_roster = roster ? NULL : dc_staff_roster_load (store, error);
  if (!roster && !own_roster)
    return FALSE;
  g_autoptr (GHashTable) values = stored_values (store, roster ? roster : own_roster, entry, FALSE,
                                                 TRUE, error);
  if (!values)
    return FALSE;
  g_autofree char *today = dc_date_today ();
  g_autofree char *history_key = dc_id_history_key (code, login);
  g_hash_table_insert (values, "entry_key", g_strdup (history_key));
  g_hash_table_insert (values, "system_id", g_strdup_printf ("%" G_GINT64_FORMAT, system_id));
  g_hash_table_insert (values, "login_key", g_strdup (key));
  if (!g_hash_table_lookup (values, "status"))
    g_hash_table_insert (values, "status", g_strdup ("active"));
  consistent_status (values, today);
  if (!g_hash_table_lookup (values, "created_on"))
    g_hash_table_insert (values, "created_on", g_strdup (today));
  if (!g_hash_table_lookup (values, "updated_on"))
    g_hash_table_insert (values, "updated_on", g_strdup (today));
  IdWrite write = { values, 0 };
  return dc_change_creating (store, NC_ ("action", "add"), "id_entry", history_key, apply_insert, &write,
                             error);
}

static gboolean
apply_update (DcStore *store, gpointer data, GError **error)
{
  IdWrite *write = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT entry_key FROM id_entry WHERE id = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, write->id);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return FALSE;
  g_autofree char *key = dc_stmt_dup (stmt, 0);
  g_autofree char *before = dc_snapshot (store, "id_entry", key, error);
  if (!before || !write_columns (store, write->values, write->id, error))
    return FALSE;
  g_autofree char *after = dc_snapshot (store, "id_entry", key, error);
  if (!after)
    return FALSE;
  if (g_str_equal (before, after))
    return TRUE;
  /* Something changed: the entry's updated date is today. */
  g_autoptr (GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (touched, "updated_on", dc_date_today ());
  return write_columns (store, touched, write->id, error);
}

/* SYSTEM's entry LOGIN: its row id and history key. */
static gint64
entry_id (DcStore *store, const char *system, const char *login, char **history_key, GError **error)
{
  g_autofree char *code = NULL;
  gint64 system_id = dc_record_resolve_with_code (store, &dc_system_kind, system, &code, error);
  g_autofree char *found = NULL;
  if (!system_id || !find_login (store, system_id, code, login, &found, error))
    return 0;
  *history_key = dc_id_history_key (code, found);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT id FROM id_entry WHERE entry_key = ?1", error);
  if (!stmt)
    return 0;
  dc_stmt_bind_text (stmt, 1, *history_key);
  return dc_store_step (store, stmt, error) == DC_STMT_ROW ? dc_stmt_int64 (stmt, 0) : 0;
}

static gboolean
change_entry (DcStore *store, const char *action, const char *system, const char *login,
              GHashTable *values, GError **error)
{
  g_autofree char *history_key = NULL;
  gint64 id = entry_id (store, system, login, &history_key, error);
  if (!id)
    return FALSE;
  IdWrite write = { values, id };
  return dc_change (store, action, "id_entry", history_key, apply_update, &write, error);
}

static gboolean
update_entry (DcStore *store, DcStaffRoster *roster, const char *system, const char *login,
              const DcRecord *changes, const char *action, gboolean managed, GError **error)
{
  g_autoptr (DcStaffRoster) own_roster = roster ? NULL : dc_staff_roster_load (store, error);
  if (!roster && !own_roster)
    return FALSE;
  g_autoptr (GHashTable) values = stored_values (store, roster ? roster : own_roster, changes, TRUE,
                                                 managed, error);
  if (!values)
    return FALSE;
  if (g_hash_table_size (values) == 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("nothing to change was given"));
    return FALSE;
  }
  g_autofree char *today = dc_date_today ();
  consistent_status (values, today);
  return change_entry (store, action, system, login, values, error);
}

gboolean
dc_id_edit (DcStore *store, const char *system, const char *login, const DcRecord *changes,
            GError **error)
{
  return update_entry (store, NULL, system, login, changes, NC_ ("action", "edit"), FALSE, error);
}

gboolean
dc_id_import_update (DcStore *store, DcStaffRoster *roster, const char *system, const char *login,
                     const DcRecord *values, GError **error)
{
  return update_entry (store, roster, system, login, values, NC_ ("action", "import"), TRUE, error);
}

gboolean
dc_id_revoke (DcStore *store, const char *system, const char *login, const char *date,
              const char *note, GError **error)
{
  g_autoptr (DcIdEntry) entry = dc_id_get (store, system, login, error);
  if (!entry)
    return FALSE;
  if (g_str_equal (entry->status, "revoked")) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s of %s was already revoked on %s"),
                 entry->login_id, entry->system, entry->revoked_on);
    return FALSE;
  }
  g_autofree char *today = dc_date_today ();
  g_autofree char *on = dc_date_normalise (date ? date : today, "--date", error);
  if (!on)
    return FALSE;
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (values, "status", g_strdup ("revoked"));
  g_hash_table_insert (values, "revoked_on", g_strdup (on));
  if (note && *note)
    g_hash_table_insert (values, "note", *entry->note ? g_strconcat (entry->note, " / ", note, NULL)
                                                      : g_strdup (note));
  return change_entry (store, NC_ ("action", "revoke"), entry->system, entry->login_id, values, error);
}
