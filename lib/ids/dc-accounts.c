#include "ids/dc-accounts.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "import/dc-import-table.h"
#include "readers/dc-ldif.h"
#include "ids/dc-login-time.h"
#include "base/dc-text.h"

#include <stdlib.h>
#include <string.h>

/* How many problems are listed one by one; the rest are counted. */
#define MAX_PROBLEMS 50

/* ---- interned privilege names ---- */

struct _DcNames {
  GMutex lock;            /* the export is read while the register loads */
  GStringChunk *chunk;
  GHashTable *by_raw;     /* raw spelling → interned key */
  GHashTable *display;    /* interned key → first raw spelling */
  gboolean dn_cn;
};

DcNames *
dc_names_new (gboolean dn_cn)
{
  DcNames *names = g_new0 (DcNames, 1);
  g_mutex_init (&names->lock);
  names->chunk = g_string_chunk_new (4096);
  names->by_raw = g_hash_table_new (g_str_hash, g_str_equal);
  names->display = g_hash_table_new (g_direct_hash, g_direct_equal);
  names->dn_cn = dn_cn;
  return names;
}

void
dc_names_free (DcNames *names)
{
  if (!names)
    return;
  g_hash_table_unref (names->by_raw);
  g_hash_table_unref (names->display);
  g_string_chunk_free (names->chunk);
  g_mutex_clear (&names->lock);
  g_free (names);
}

/* "CN=jutaku-admins,OU=Groups,DC=city" → "jutaku-admins" (\, is a comma of
 * the value); anything that is not a DN stays as it is. */
static char *
first_dn_value (const char *text)
{
  const char *equals = strchr (text, '=');
  if (!equals || !strchr (equals, ','))
    return g_strdup (text);
  for (const char *p = text; p < equals; p++)
    if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '-')
      return g_strdup (text);
  GString *value = g_string_new (NULL);
  for (const char *p = equals + 1; *p && *p != ','; p++) {
    if (*p == '\\' && p[1])
      p++;
    g_string_append_c (value, *p);
  }
  return g_string_free (value, FALSE);
}

static const char *
intern_locked (DcNames *names, const char *raw)
{
  const char *key = g_hash_table_lookup (names->by_raw, raw);
  if (key)
    return key;
  g_autofree char *value = names->dn_cn ? first_dn_value (raw) : g_strdup (raw);
  g_autofree char *folded = dc_match_key (value, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
  key = g_string_chunk_insert_const (names->chunk, folded);
  const char *kept = g_string_chunk_insert_const (names->chunk, raw);
  g_hash_table_insert (names->by_raw, (gpointer) kept, (gpointer) key);
  if (!g_hash_table_contains (names->display, key)) {
    g_autofree char *trimmed = dc_match_key (value, DC_MATCH_TRIM);
    g_hash_table_insert (names->display, (gpointer) key,
                         (gpointer) g_string_chunk_insert_const (names->chunk, trimmed));
  }
  return key;
}

const char *
dc_names_intern (DcNames *names, const char *raw)
{
  g_mutex_lock (&names->lock);
  const char *key = intern_locked (names, raw);
  g_mutex_unlock (&names->lock);
  return key;
}

const char *
dc_names_display (DcNames *names, const char *key)
{
  g_mutex_lock (&names->lock);
  const char *display = g_hash_table_lookup (names->display, key);
  g_mutex_unlock (&names->lock);
  return display ? display : key;
}

void
dc_accounts_free (DcAccounts *accounts)
{
  if (!accounts)
    return;
  g_array_unref (accounts->accounts);
  g_ptr_array_unref (accounts->privileges);
  g_string_chunk_free (accounts->strings);
  g_free (accounts->source);
  g_free (accounts);
}

/* ---- rules of the profile, prepared once ---- */

typedef struct {
  const DcStatusCheck *check;
  GHashTable *enabled;     /* match keys */
  GHashTable *disabled;
  GHashTable *verdicts;    /* a value as exported → its verdict (exports repeat a few values) */
} StatusRule;

static GHashTable *
key_set (char **values)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (char **v = values; v && *v; v++)
    g_hash_table_add (set, dc_text_match_key (*v));
  return set;
}

typedef struct {
  const char *path;
  const DcProfile *profile;
  DcNames *names;
  DcAccounts *out;
  GPtrArray *problems;
  guint problem_count;
  StatusRule *status;      /* one per profile->status */
  GHashTable *never;       /* match keys of "never logged in" */
  GHashTable *account_classes, *exclude_classes;
  gboolean ascii_separator[128];
  GArray *wide_separators;  /* gunichar */
  GString *scratch;
  GHashTable *interned;     /* privilege as written → its key: the reader's own, without the names' lock */
} Reader;

static void
reader_clear (Reader *r)
{
  for (guint i = 0; r->status && i < r->profile->status->len; i++) {
    g_hash_table_unref (r->status[i].enabled);
    g_hash_table_unref (r->status[i].disabled);
    g_hash_table_unref (r->status[i].verdicts);
  }
  g_free (r->status);
  g_clear_pointer (&r->never, g_hash_table_unref);
  g_clear_pointer (&r->account_classes, g_hash_table_unref);
  g_clear_pointer (&r->exclude_classes, g_hash_table_unref);
  g_clear_pointer (&r->wide_separators, g_array_unref);
  g_clear_pointer (&r->interned, g_hash_table_unref);
  if (r->scratch)
    g_string_free (r->scratch, TRUE);
}

static void
reader_init (Reader *r)
{
  const DcProfile *p = r->profile;
  r->status = g_new0 (StatusRule, p->status->len);
  for (guint i = 0; i < p->status->len; i++) {
    r->status[i].check = g_ptr_array_index (p->status, i);
    r->status[i].enabled = key_set (r->status[i].check->enabled);
    r->status[i].disabled = key_set (r->status[i].check->disabled);
    r->status[i].verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  }
  r->never = key_set (p->never);
  r->account_classes = key_set (p->account_classes);
  r->exclude_classes = key_set (p->exclude_classes);
  r->wide_separators = g_array_new (FALSE, FALSE, sizeof (gunichar));
  for (const char *c = p->separators; c && *c; c = g_utf8_next_char (c)) {
    gunichar u = g_utf8_get_char (c);
    if (u < 0x80)
      r->ascii_separator[u] = TRUE;
    else
      g_array_append_val (r->wide_separators, u);
  }
  r->scratch = g_string_new (NULL);
  r->interned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static const char *
intern (Reader *r, const char *raw)
{
  const char *key = g_hash_table_lookup (r->interned, raw);
  if (!key) {
    key = dc_names_intern (r->names, raw);
    g_hash_table_insert (r->interned, g_strdup (raw), (gpointer) key);
  }
  return key;
}

/* Adds "WHERE: MESSAGE" unless enough are listed already. */
static void
problem (Reader *r, char *where, const char *message)
{
  if (r->problem_count++ < MAX_PROBLEMS)
    g_ptr_array_add (r->problems, g_strdup_printf ("%s: %s", where, message));
  g_free (where);
}

/* Whether VALUE of status rule RULE says disabled; FALSE with *MESSAGE when it
 * says nothing daicho understands. An empty value says nothing. */
static gboolean
judge_status (const StatusRule *rule, const char *value, gboolean *disabled, char **message)
{
  g_autofree char *key = dc_text_match_key (value ? value : "");
  *disabled = FALSE;
  if (!*key)
    return TRUE;
  switch (rule->check->rule) {
  case DC_STATUS_PRESENT:
    *disabled = TRUE;
    return TRUE;
  case DC_STATUS_UAC: {
    guint64 flags = 0;
    gboolean hex = g_str_has_prefix (key, "0x");
    if (!g_ascii_string_to_unsigned (key + (hex ? 2 : 0), hex ? 16 : 10, 0, G_MAXUINT32, &flags, NULL)) {
      *message = g_strdup_printf (_ ("userAccountControl '%s' is not a number"), value);
      return FALSE;
    }
    *disabled = (flags & 0x2) != 0;   /* ACCOUNTDISABLE */
    return TRUE;
  }
  case DC_STATUS_VALUES:
    if (g_hash_table_contains (rule->disabled, key)) {
      *disabled = TRUE;
      return TRUE;
    }
    if (g_hash_table_contains (rule->enabled, key))
      return TRUE;
    if (g_hash_table_size (rule->enabled) && g_hash_table_size (rule->disabled)) {
      g_autofree char *enabled = g_strjoinv (", ", rule->check->enabled);
      g_autofree char *off = g_strjoinv (", ", rule->check->disabled);
      *message = g_strdup_printf (_ ("'%s' is neither an enabled (%s) nor a disabled (%s) value of "
                                  "this profile; correct it or use a profile of your own"), value,
                                  enabled, off);
      return FALSE;
    }
    *disabled = g_hash_table_size (rule->enabled) > 0;   /* only the enabled ones were listed */
    return TRUE;
  }
  return TRUE;
}

enum { VERDICT_ENABLED = 1, VERDICT_DISABLED, VERDICT_UNKNOWN };

/* judge_status, remembered per value. */
static gboolean
status_says_disabled (StatusRule *rule, const char *value, gboolean *disabled, char **message)
{
  int verdict = GPOINTER_TO_INT (g_hash_table_lookup (rule->verdicts, value ? value : ""));
  if (verdict && verdict != VERDICT_UNKNOWN) {
    *disabled = verdict == VERDICT_DISABLED;
    return TRUE;
  }
  gboolean ok = judge_status (rule, value, disabled, message);
  verdict = !ok ? VERDICT_UNKNOWN : *disabled ? VERDICT_DISABLED : VERDICT_ENABLED;
  g_hash_table_insert (rule->verdicts, g_strdup (value ? value : ""), GINT_TO_POINTER (verdict));
  return ok;
}

static gboolean
read_last_login (Reader *r, const char *value, gint32 *day, char **message)
{
  g_autofree char *key = dc_text_match_key (value ? value : "");
  if (!*key || g_hash_table_contains (r->never, key)) {
    *day = DC_LOGIN_NEVER;
    return TRUE;
  }
  if (dc_login_time_parse (value, r->profile->filetime, day))
    return TRUE;
  *message = g_strdup_printf (_ ("'%s' is not a last-login time daicho reads (%s)"), value,
                              r->profile->filetime ? _ ("a FILETIME such as 133578360000000000")
                              : "e.g. 2026-04-01 09:00, 2026/4/1, 4/1/2026 9:00 AM, a FILETIME");
  return FALSE;
}

static gboolean
is_separator (Reader *r, const char *p, gsize *length)
{
  guchar c = (guchar) *p;
  if (c < 0x80) {
    *length = 1;
    return c == '\n' || r->ascii_separator[c];
  }
  gunichar u = g_utf8_get_char (p);
  *length = g_utf8_next_char (p) - p;
  for (guint i = 0; i < r->wide_separators->len; i++)
    if (g_array_index (r->wide_separators, gunichar, i) == u)
      return TRUE;
  return FALSE;
}

/* Adds the privileges named in TEXT (separated by the profile's characters
 * or by lines). */
static void
add_privileges (Reader *r, const char *text, GPtrArray *into)
{
  const char *start = text;
  for (const char *p = text;;) {
    gsize length = 0;
    gboolean end = *p == '\0';
    if (!end && !is_separator (r, p, &length)) {
      p += length;
      continue;
    }
    g_string_assign (r->scratch, "");
    g_string_append_len (r->scratch, start, p - start);
    const char *key = intern (r, r->scratch->str);
    if (*key)
      g_ptr_array_add (into, (gpointer) key);
    if (end)
      break;
    p += length;
    start = p;
  }
}

/* Copies PRIVILEGES (interned keys, duplicates dropped) into the pool. */
static void
store_privileges (Reader *r, DcAccount *account, GPtrArray *privileges)
{
  account->first_privilege = r->out->privileges->len;
  for (guint i = 0; i < privileges->len; i++) {
    gpointer key = g_ptr_array_index (privileges, i);
    gboolean seen = FALSE;
    for (guint j = account->first_privilege; j < r->out->privileges->len && !seen; j++)
      seen = g_ptr_array_index (r->out->privileges, j) == key;
    if (!seen)
      g_ptr_array_add (r->out->privileges, key);
  }
  account->n_privileges = r->out->privileges->len - account->first_privilege;
}

/* The account's login as exported and as compared. */
static void
set_login (Reader *r, DcAccount *account, const char *raw)
{
  account->raw = g_string_chunk_insert (r->out->strings, raw);
  g_autofree char *home = NULL;
  account->guest = dc_profile_login_is_guest (raw, &home);
  if (home)
    account->guest_home = g_string_chunk_insert (r->out->strings, home);
  if (!r->profile->match && r->profile->login_part == DC_LOGIN_PART_FULL) {
    account->key = account->raw;
    return;
  }
  g_autofree char *key = dc_profile_login_key (r->profile, raw, 0);
  account->key = g_string_chunk_insert (r->out->strings, key);
}

static gboolean
class_wanted (Reader *r, char **classes)
{
  if (!classes || !classes[0])
    return TRUE;   /* no classes said: an account */
  gboolean account = g_hash_table_size (r->account_classes) == 0;
  for (char **c = classes; *c; c++) {
    g_autofree char *key = dc_text_match_key (*c);
    if (g_hash_table_contains (r->exclude_classes, key))
      return FALSE;
    account |= g_hash_table_contains (r->account_classes, key);
  }
  return account;
}

/* ---- values as other programs write them ---- */

gboolean
dc_accounts_is_type_name (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  gboolean system = g_str_has_prefix (t, "System.") && t[7];
  if (!system && !(g_str_has_prefix (t, "Microsoft.") && g_str_has_suffix (t, "Collection")))
    return FALSE;
  for (const char *p = t; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("._`[]", *p))
      return FALSE;
  return TRUE;
}

/* The bytes of X'hex' between START and END, or NULL when that is not one. */
static GString *
csvde_bytes (const char *start, const char *end)
{
  gsize n = end - start;
  if (n < 3 || (start[0] != 'X' && start[0] != 'x') || start[1] != '\'' || end[-1] != '\'' || (n - 3) % 2)
    return NULL;
  GString *bytes = g_string_sized_new ((n - 3) / 2);
  for (const char *p = start + 2; p < end - 1; p += 2) {
    int high = g_ascii_xdigit_value (p[0]), low = g_ascii_xdigit_value (p[1]);
    if (high < 0 || low < 0) {
      g_string_free (bytes, TRUE);
      return NULL;
    }
    g_string_append_c (bytes, (char) (high * 16 + low));
  }
  return bytes;
}

char *
dc_accounts_csvde_decode (const char *text, char **bad)
{
  GString *out = g_string_new (NULL);
  for (const char *start = text;;) {
    const char *end = strchr (start, ';');
    if (!end)
      end = start + strlen (start);
    GString *bytes = csvde_bytes (start, end);
    if (bytes && !g_utf8_validate_len (bytes->str, bytes->len, NULL)) {
      if (bad)
        *bad = g_strndup (start, end - start);
      g_string_free (bytes, TRUE);
      g_string_free (out, TRUE);
      return NULL;
    }
    if (bytes) {
      g_string_append_len (out, bytes->str, bytes->len);
      g_string_free (bytes, TRUE);
    } else {
      g_string_append_len (out, start, end - start);
    }
    if (!*end)
      break;
    g_string_append_c (out, ';');
    start = end + 1;
  }
  return g_string_free (out, FALSE);
}

/* ---- tables: CSV and xlsx ---- */

typedef struct {
  Reader *r;
  DcImportTable *table;
  int key, name, privileges, class, last_login, guest;   /* columns, or -1 */
  int family, given;       /* 姓 and 名, or -1 */
  GPtrArray *decoded;      /* the current row's texts, X'hex' decoded (values = csvde) */
  int *status;             /* per status rule */
  int *flags;              /* per flag column */
  char **flag_names;       /* the privilege each flag column grants */
  GPtrArray *scratch;      /* privilege keys of the current row */
} TableRead;

static const char *
texts_at (const GPtrArray *texts, int column)
{
  return column >= 0 && (guint) column < texts->len ? texts->pdata[column] : "";
}

static char *
where (TableRead *t, guint row, int column)
{
  return dc_import_table_where_at (t->table, row, column);
}

/* The row's texts; with values = csvde, each X'hex' decoded (a value whose
 * bytes are not UTF-8 is a problem and stays as written). */
static const GPtrArray *
row_texts (TableRead *t, const DcImportRow *row)
{
  if (!t->r->profile->csvde_values)
    return row->texts;
  g_ptr_array_set_size (t->decoded, 0);
  for (guint i = 0; i < row->texts->len; i++) {
    const char *text = row->texts->pdata[i];
    char *bad = NULL;
    char *decoded = strchr (text, '\'') ? dc_accounts_csvde_decode (text, &bad) : NULL;
    if (bad) {
      g_autofree char *message = g_strdup_printf (_ ("%s is not UTF-8 text written in hex as csvde writes it"), bad);
      problem (t->r, where (t, row->number, (int) i), message);
      g_free (bad);
    }
    g_ptr_array_add (t->decoded, decoded ? decoded : g_strdup (text));
  }
  return t->decoded;
}

/* The name shown: "姓 名" from columns of their own, else the display name column. */
static char *
display_name (TableRead *t, const GPtrArray *texts)
{
  g_autofree char *family = dc_match_key (texts_at (texts, t->family), DC_MATCH_TRIM);
  g_autofree char *given = dc_match_key (texts_at (texts, t->given), DC_MATCH_TRIM);
  if (*family || *given)
    return g_strjoin (*family && *given ? " " : "", family, given, NULL);
  return dc_match_key (texts_at (texts, t->name), DC_MATCH_TRIM);
}

static void
read_table_row (DcImportTable *table G_GNUC_UNUSED, const DcImportRow *row, gpointer data)
{
  TableRead *t = data;
  Reader *r = t->r;
  const GPtrArray *texts = row_texts (t, row);
  const char *classes_text = texts_at (texts, t->class);
  g_auto (GStrv) classes = *classes_text ? g_strsplit (classes_text, ";", -1) : NULL;
  if (!class_wanted (r, classes)) {
    r->out->skipped++;
    return;
  }
  DcAccount account = { .row = row->number, .enabled = TRUE, .last_login = DC_LOGIN_UNKNOWN };
  const char *raw = texts_at (texts, t->key);
  g_autofree char *trimmed = dc_match_key (raw, DC_MATCH_TRIM);
  if (!*trimmed) {
    problem (r, where (t, row->number, t->key), _ ("the login ID is empty; every account of the export needs one"));
    return;
  }
  set_login (r, &account, raw);
  if (t->guest >= 0 && !account.guest) {
    g_autofree char *type = dc_text_match_key (texts_at (texts, t->guest));
    account.guest = *type && g_strv_contains ((const char *const *) r->profile->guest_values, type);
  }
  g_autofree char *name = display_name (t, texts);
  account.display_name = *name ? g_string_chunk_insert (r->out->strings, name) : NULL;

  for (guint i = 0; i < r->profile->status->len; i++) {
    gboolean disabled = FALSE;
    char *message = NULL;
    if (!status_says_disabled (&r->status[i], texts_at (texts, t->status[i]), &disabled, &message)) {
      problem (r, where (t, row->number, t->status[i]), message);
      g_free (message);
    }
    account.enabled &= !disabled;
  }
  if (t->last_login >= 0) {
    char *message = NULL;
    if (!read_last_login (r, texts_at (texts, t->last_login), &account.last_login, &message)) {
      problem (r, where (t, row->number, t->last_login), message);
      g_free (message);
    }
  }
  g_ptr_array_set_size (t->scratch, 0);
  const char *privileges = texts_at (texts, t->privileges);
  /* Windows PowerShell 5.1 writes MemberOf as its type's name: no group at all. */
  if (*privileges && dc_accounts_is_type_name (privileges)) {
    if (!r->out->privilege_placeholder) {
      g_autofree char *type = g_strstrip (g_strdup (privileges));
      r->out->privilege_placeholder = g_string_chunk_insert (r->out->strings, type);
    }
  } else if (*privileges) {
    add_privileges (r, privileges, t->scratch);
  }
  for (guint i = 0; t->flag_names[i]; i++)
    if (t->flags[i] >= 0 && dc_profile_flag_set (texts_at (texts, t->flags[i])))
      g_ptr_array_add (t->scratch, (gpointer) dc_names_intern (r->names, t->flag_names[i]));
  store_privileges (r, &account, t->scratch);
  g_array_append_val (r->out->accounts, account);
}

static gboolean
read_table (Reader *r, const DcImportSource *source, GError **error)
{
  const DcProfile *p = r->profile;
  g_autoptr (GArray) synonyms = g_array_new (TRUE, TRUE, sizeof (DcHeaderSynonyms));
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const struct { const char *field, *columns; } fixed[] = {
    { "key", p->key }, { "name", p->display_name }, { "privileges", p->privileges },
    { "class", p->class_column }, { "last_login", p->last_login }, { "family", p->family_name },
    { "given", p->given_name }, { "guest", p->guest_column },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (fixed[i].columns) {
      DcHeaderSynonyms s = { fixed[i].field, fixed[i].columns };
      g_array_append_val (synonyms, s);
    }
  for (guint i = 0; i < p->status->len; i++) {
    char *field = g_strdup_printf ("status:%u", i);
    g_ptr_array_add (owned, field);
    DcHeaderSynonyms s = { field, ((DcStatusCheck *) g_ptr_array_index (p->status, i))->column };
    g_array_append_val (synonyms, s);
  }
  for (guint i = 0; p->flag_columns[i]; i++) {
    char *field = g_strdup_printf ("flag:%u", i);
    g_ptr_array_add (owned, field);
    DcHeaderSynonyms s = { field, p->flag_columns[i] };
    g_array_append_val (synonyms, s);
  }
  static const char *const required[] = { "key", NULL };
  DcImportSource literal = *source;
  literal.literal = TRUE;
  g_autoptr (DcImportTable) table = dc_import_table_open (r->path, &literal,
                                                          (DcHeaderSynonyms *) (void *) synonyms->data,
                                                          required, r->problems, error);
  if (!table)
    return FALSE;
  const DcHeader *header = dc_import_table_header (table);
  g_autofree int *status = g_new (int, p->status->len + 1);
  g_autofree int *flags = g_new (int, g_strv_length (p->flag_columns) + 1);
  TableRead t = { r, table, dc_header_column (header, "key"), dc_header_column (header, "name"),
                  dc_header_column (header, "privileges"), dc_header_column (header, "class"),
                  dc_header_column (header, "last_login"), dc_header_column (header, "guest"),
                  dc_header_column (header, "family"),
                  dc_header_column (header, "given"), NULL, status, flags, NULL, NULL };
  r->out->has_last_login = t.last_login >= 0;
  r->out->has_privileges = t.privileges >= 0;
  for (guint i = 0; i < p->status->len; i++) {
    g_autofree char *field = g_strdup_printf ("status:%u", i);
    status[i] = dc_header_column (header, field);
    r->out->has_status |= status[i] >= 0;
  }
  for (guint i = 0; p->flag_columns[i]; i++) {
    g_autofree char *field = g_strdup_printf ("flag:%u", i);
    flags[i] = dc_header_column (header, field);
    r->out->has_privileges |= flags[i] >= 0;
  }
  const char *sheet = dc_import_table_sheet (table);
  r->out->source = sheet ? g_strdup_printf ("xlsx, sheet %s", sheet)
                         : g_strdup_printf ("CSV, %s", dc_import_table_encoding (table));
  /* A flag column grants the privilege of its own name, as the profile writes it. */
  g_autoptr (GPtrArray) flag_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; p->flag_columns[i]; i++) {
    g_auto (GStrv) words = g_strsplit (p->flag_columns[i], "|", 2);
    g_ptr_array_add (flag_names, g_strdup (words[0]));
  }
  g_ptr_array_add (flag_names, NULL);
  g_autoptr (GPtrArray) scratch = g_ptr_array_new ();
  g_autoptr (GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);
  t.flag_names = (char **) flag_names->pdata;
  t.scratch = scratch;
  t.decoded = decoded;
  if (!dc_import_table_foreach (table, read_table_row, &t, error))
    return FALSE;
  if (r->out->privilege_placeholder)
    r->out->has_privileges = FALSE;   /* every row's groups are unknown, not none */
  return TRUE;
}

/* ---- LDIF ---- */

/* The first value of the first of ATTRIBUTES ("a|b") the entry has, or NULL. */
static const char *
ldif_value (const DcLdifEntry *entry, const char *attributes)
{
  if (!attributes)
    return NULL;
  g_auto (GStrv) names = g_strsplit (attributes, "|", -1);
  for (char **name = names; *name; name++) {
    const GPtrArray *values = dc_ldif_entry_values (entry, g_strstrip (*name));
    if (values && values->len)
      return g_ptr_array_index (values, 0);
  }
  return NULL;
}

static char *
ldif_where (Reader *r, const DcLdifEntry *entry, const char *attribute)
{
  return g_strdup_printf ("%s, line %u (dn: %s)%s%s", r->path, entry->line, entry->dn,
                          attribute ? ", attribute " : "", attribute ? attribute : "");
}

static char *
dn_key (const char *dn)
{
  return dc_match_key (dn, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
}

typedef struct {
  char *name;              /* the group's cn (or its DN) */
  GPtrArray *members;      /* char*: DNs or uids */
} LdifGroup;

static void
ldif_group_free (LdifGroup *g)
{
  g_free (g->name);
  g_ptr_array_unref (g->members);
  g_free (g);
}

static void
read_ldif_account (Reader *r, const DcLdifEntry *entry, const char *raw, GPtrArray *privileges)
{
  DcAccount account = { .row = entry->line, .enabled = TRUE, .last_login = DC_LOGIN_UNKNOWN };
  set_login (r, &account, raw);
  const char *name = ldif_value (entry, r->profile->display_name);
  account.display_name = name ? g_string_chunk_insert (r->out->strings, name) : NULL;
  for (guint i = 0; i < r->profile->status->len; i++) {
    const char *column = r->status[i].check->column;
    const char *value = ldif_value (entry, column);
    gboolean disabled = FALSE;
    char *message = NULL;
    r->out->has_status |= value != NULL;
    if (!status_says_disabled (&r->status[i], value, &disabled, &message)) {
      problem (r, ldif_where (r, entry, column), message);
      g_free (message);
    }
    account.enabled &= !disabled;
  }
  /* An entry without the attribute: never, if the directory records it for
   * anyone (decided once every entry is read); else not known. */
  const char *login = ldif_value (entry, r->profile->last_login);
  if (login) {
    char *message = NULL;
    r->out->has_last_login = TRUE;
    if (!read_last_login (r, login, &account.last_login, &message)) {
      problem (r, ldif_where (r, entry, r->profile->last_login), message);
      g_free (message);
    }
  }
  g_auto (GStrv) attributes = g_strsplit (r->profile->privileges ? r->profile->privileges : "", "|", -1);
  for (char **a = attributes; *a; a++) {
    const GPtrArray *values = dc_ldif_entry_values (entry, *a);
    for (guint v = 0; values && v < values->len; v++) {
      const char *key = dc_names_intern (r->names, g_ptr_array_index (values, v));
      if (*key)
        g_ptr_array_add (privileges, (gpointer) key);
      r->out->has_privileges = TRUE;
    }
  }
  g_array_append_val (r->out->accounts, account);
}

/* Group entries list their members by DN (member, uniqueMember) or by uid
 * (memberUid): each member account gains the group as a privilege. */
static void
add_group_privileges (Reader *r, GPtrArray *groups, GHashTable *by_dn, GHashTable *by_key,
                      GPtrArray *per_account)
{
  for (guint g = 0; g < groups->len; g++) {
    LdifGroup *group = g_ptr_array_index (groups, g);
    const char *privilege = dc_names_intern (r->names, group->name);
    r->out->has_privileges = TRUE;
    for (guint m = 0; m < group->members->len; m++) {
      const char *member = g_ptr_array_index (group->members, m);
      g_autofree char *dn = dn_key (member);
      gpointer index = NULL;
      if (!g_hash_table_lookup_extended (by_dn, dn, NULL, &index)) {
        g_autofree char *key = dc_profile_login_key (r->profile, member, 0);
        if (!g_hash_table_lookup_extended (by_key, key, NULL, &index))
          continue;
      }
      g_ptr_array_add (g_ptr_array_index (per_account, GPOINTER_TO_UINT (index)), (gpointer) privilege);
    }
  }
}

/* Whether the login RAW and the display name fit (dc_text_refusal); a
 * problem for each that does not. (dc_ldif refuses the characters.) */
static gboolean
ldif_texts_taken (Reader *r, const DcLdifEntry *entry, const char *raw)
{
  const char *name = ldif_value (entry, r->profile->display_name);
  g_autofree char *login_refusal = dc_text_refusal (raw, "key");
  g_autofree char *name_refusal = name ? dc_text_refusal (name, "name") : NULL;
  if (login_refusal) {
    g_autofree char *message = g_strdup_printf (_ ("the value %s"), login_refusal);
    problem (r, ldif_where (r, entry, r->profile->key), message);
  }
  if (name_refusal) {
    g_autofree char *message = g_strdup_printf (_ ("the value %s"), name_refusal);
    problem (r, ldif_where (r, entry, r->profile->display_name), message);
  }
  return !login_refusal && !name_refusal;
}

static gboolean
read_ldif (Reader *r, GError **error)
{
  g_autoptr (DcLdif) ldif = dc_ldif_open (r->path, error);
  if (!ldif)
    return FALSE;
  r->out->source = g_strdup ("LDIF");
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) ldif_group_free);
  g_autoptr (GPtrArray) per_account = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) by_dn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DcLdifEntry *entry = NULL;
  while (dc_ldif_next (ldif, &entry, error)) {
    g_autoptr (DcLdifEntry) owned = entry;
    const GPtrArray *class_values = r->profile->class_column
                                      ? dc_ldif_entry_values (entry, r->profile->class_column) : NULL;
    g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
    for (guint i = 0; class_values && i < class_values->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (class_values, i));
    g_auto (GStrv) classes = g_strv_builder_end (builder);
    gboolean has_members = FALSE;
    for (char **attribute = r->profile->group_members; *attribute; attribute++)
      has_members |= dc_ldif_entry_values (entry, *attribute) != NULL;
    if (!class_wanted (r, classes)) {
      if (has_members) {
        LdifGroup *group = g_new0 (LdifGroup, 1);
        const char *cn = ldif_value (entry, "cn");
        group->name = g_strdup (cn ? cn : entry->dn);
        group->members = g_ptr_array_new_with_free_func (g_free);
        for (char **attribute = r->profile->group_members; *attribute; attribute++) {
          const GPtrArray *values = dc_ldif_entry_values (entry, *attribute);
          for (guint v = 0; values && v < values->len; v++)
            g_ptr_array_add (group->members, g_strdup (g_ptr_array_index (values, v)));
        }
        g_ptr_array_add (groups, group);
      }
      r->out->skipped++;
      continue;
    }
    const char *raw = ldif_value (entry, r->profile->key);
    if (!raw) {
      if (classes[0])   /* an account by its class, without a login */
        problem (r, ldif_where (r, entry, r->profile->key), _ ("the entry has no login attribute"));
      else
        r->out->skipped++;   /* an organisational unit or the like */
      continue;
    }
    if (!ldif_texts_taken (r, entry, raw))
      continue;
    guint index = r->out->accounts->len;
    GPtrArray *privileges = g_ptr_array_new ();
    g_ptr_array_add (per_account, privileges);
    read_ldif_account (r, entry, raw, privileges);
    g_hash_table_insert (by_dn, dn_key (entry->dn), GUINT_TO_POINTER (index));
    g_hash_table_insert (by_key, g_strdup (g_array_index (r->out->accounts, DcAccount, index).key),
                         GUINT_TO_POINTER (index));
  }
  if (error && *error)
    return FALSE;
  add_group_privileges (r, groups, by_dn, by_key, per_account);
  for (guint i = 0; i < r->out->accounts->len; i++) {
    DcAccount *account = &g_array_index (r->out->accounts, DcAccount, i);
    store_privileges (r, account, g_ptr_array_index (per_account, i));
    if (r->out->has_last_login && account->last_login == DC_LOGIN_UNKNOWN)
      account->last_login = DC_LOGIN_NEVER;
  }
  return TRUE;
}

/* ---- /etc/passwd ---- */

static gboolean
uid_optional (const DcProfile *p, guint64 uid)
{
  for (guint i = 0; i + 1 < p->system_uids->len; i += 2)
    if (uid >= g_array_index (p->system_uids, guint, i) && uid <= g_array_index (p->system_uids, guint, i + 1))
      return TRUE;
  return FALSE;
}

static gboolean
read_passwd (Reader *r, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!dc_file_read (r->path, &data, &length, error))
    return FALSE;
  if (memchr (data, '\0', length) || !g_utf8_validate (data, length, NULL)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: not a passwd file (it holds bytes that are not UTF-8 text)"), r->path);
    return FALSE;
  }
  r->out->source = g_strdup ("passwd");
  r->out->has_status = TRUE;
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  for (guint n = 0; lines[n]; n++) {
    char *line = lines[n];
    g_strchomp (line);   /* a CR of a file copied from Windows */
    if (!*line || *line == '#' || *line == '+' || *line == '-')
      continue;   /* comments and NIS include lines */
    g_auto (GStrv) fields = g_strsplit (line, ":", -1);
    guint64 uid = 0;
    if (g_strv_length (fields) != 7 || !*fields[0] ||
        !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXUINT32, &uid, NULL)) {
      problem (r, g_strdup_printf ("%s, line %u", r->path, n + 1),
               _ ("not a passwd line (name:password:uid:gid:comment:home:shell)"));
      continue;
    }
    g_autofree char *refusal = dc_text_refusal (line, NULL);
    g_autofree char *login_refusal = refusal ? NULL : dc_text_refusal (fields[0], "key");
    if (refusal || login_refusal) {
      g_autofree char *message = refusal ? g_strdup_printf (_ ("the line %s"), refusal)
                                         : g_strdup_printf (_ ("the login %s"), login_refusal);
      problem (r, g_strdup_printf ("%s, line %u", r->path, n + 1), message);
      continue;
    }
    DcAccount account = { .row = n + 1, .last_login = DC_LOGIN_UNKNOWN,
                          .optional = uid_optional (r->profile, uid) };
    set_login (r, &account, fields[0]);
    g_auto (GStrv) gecos = g_strsplit (fields[4], ",", 2);
    account.display_name = gecos[0] && *gecos[0] ? g_string_chunk_insert (r->out->strings, gecos[0]) : NULL;
    gboolean locked = fields[1][0] == '!' || fields[1][0] == '*';
    account.enabled = !locked && !g_strv_contains ((const char *const *) r->profile->disabled_shells, fields[6]);
    account.first_privilege = r->out->privileges->len;
    g_array_append_val (r->out->accounts, account);
  }
  return TRUE;
}

DcAccounts *
dc_accounts_read (const char *path, const DcImportSource *source, const DcProfile *profile,
                  DcNames *names, GPtrArray *problems, GError **error)
{
  g_autoptr (DcAccounts) out = g_new0 (DcAccounts, 1);
  out->accounts = g_array_new (FALSE, FALSE, sizeof (DcAccount));
  out->privileges = g_ptr_array_new ();
  out->strings = g_string_chunk_new (1 << 20);
  Reader r = { .path = path, .profile = profile, .names = names, .out = out, .problems = problems };
  reader_init (&r);
  DcImportSource none = { 0 };
  if (profile->format != DC_PROFILE_TABLE && source && (source->sheet || source->encoding)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s: --sheet and --encoding apply to CSV "
                 "and xlsx exports, not to profile %s"), path, profile->name);
    reader_clear (&r);
    return NULL;
  }
  guint before = problems->len;
  gboolean ok = profile->format == DC_PROFILE_LDIF ? read_ldif (&r, error)
                : profile->format == DC_PROFILE_PASSWD ? read_passwd (&r, error)
                : read_table (&r, source ? source : &none, error);
  /* Problems the table found itself (a refused cell) count as well. */
  guint count = r.problem_count + (problems->len - before - MIN (r.problem_count, MAX_PROBLEMS));
  reader_clear (&r);
  if (!ok)
    return NULL;
  if (count > MAX_PROBLEMS)
    g_ptr_array_add (problems, g_strdup_printf (_ ("... and %u more problems"), count - MAX_PROBLEMS));
  if (count) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 dc_ngettext ("%s: %u problem reading the export with profile %s; nothing was reconciled",
                              "%s: %u problems reading the export with profile %s; nothing was reconciled", count),
                 path, count, profile->name);
    return NULL;
  }
  return g_steal_pointer (&out);
}
