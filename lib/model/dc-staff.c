#include "model/dc-staff.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "base/dc-matchkey.h"

#include <string.h>

/* ---- keys ---- */

char *
dc_staff_number_key (const char *text)
{
  char *key = dc_match_key (text, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
  gsize digits = strspn (key, "0123456789");
  if (*key && !key[digits]) {
    gsize zeros = strspn (key, "0");
    if (zeros == digits)
      zeros--;   /* "000" is 0 */
    memmove (key, key + zeros, strlen (key + zeros) + 1);
  }
  return key;
}

char *
dc_staff_name_key (const char *text)
{
  g_autofree char *key = dc_match_key (text, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
  GString *out = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (!g_unichar_isspace (c))
      g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

gboolean
dc_staff_member_departed (const DcStaffMember *member, const char *date)
{
  static const char *const departures[] = { "retired", "transferred", "seconded", NULL };
  if (!g_strv_contains (departures, member->status))
    return FALSE;
  if (!member->status_date)
    return TRUE;
  int order = g_strcmp0 (member->status_date, date);
  return g_str_equal (member->status, "retired") ? order < 0 : order <= 0;
}

/* ---- the roster in memory ---- */

typedef struct {
  const DcStaffMember *member;
  char *from;                /* first day held */
  char *to;                  /* first day no longer held, or NULL */
} Holding;

struct _DcRoster {
  GPtrArray *members;        /* DcStaffMember* (their strings in the chunk) */
  GStringChunk *strings;
  GHashTable *by_exact_number; /* employee number as stored → member */
  GHashTable *by_number;     /* number key → member, or NULL when several share it (01876, 001876) */
  GHashTable *by_exact_name; /* name as stored → member, or NULL when several share it */
  GHashTable *by_name;       /* name key → member (NULL when several share it); built when
                                a name is first written differently from the roster */
  GHashTable *posts;         /* name key of a post's code and of its name → GPtrArray of Holding* */
};

static void
holding_free (Holding *h)
{
  g_free (h->from);
  g_free (h->to);
  g_free (h);
}

/* Who held which post when, found by the post's code or name. */
static gboolean
load_holdings (DcStore *store, DcStaffRoster *roster, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT p.code, p.name, (SELECT employee_no FROM person WHERE id = a.person_id),"
             " a.from_date, a.to_date FROM assignment a JOIN post p ON p.id = a.post_id", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const DcStaffMember *member = dc_staff_roster_by_number (roster, dc_stmt_text (stmt, 2));
    for (int column = 0; member && column < 2; column++) {
      char *key = dc_staff_name_key (dc_stmt_text (stmt, column));
      GPtrArray *holdings = g_hash_table_lookup (roster->posts, key);
      if (!holdings) {
        holdings = g_ptr_array_new_with_free_func ((GDestroyNotify) holding_free);
        g_hash_table_insert (roster->posts, g_strdup (key), holdings);
      }
      g_free (key);
      Holding *h = g_new0 (Holding, 1);
      h->member = member;
      h->from = dc_stmt_dup (stmt, 3);
      h->to = dc_stmt_dup (stmt, 4);
      g_ptr_array_add (holdings, h);
    }
  }
  return rc == DC_STMT_DONE;
}

/* The number key of EMPLOYEE_NO (kept in CHUNK): for plain digits, a
 * pointer past the leading zeros, without a copy. */
static const char *
number_key_in (GStringChunk *chunk, const char *employee_no)
{
  gsize digits = strspn (employee_no, "0123456789");
  if (digits && !employee_no[digits])
    return employee_no + MIN (strspn (employee_no, "0"), digits - 1);
  g_autofree char *key = dc_staff_number_key (employee_no);
  return g_string_chunk_insert (chunk, key);
}

DcStaffRoster *
dc_staff_roster_load (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT p.employee_no, p.name, (SELECT code FROM section WHERE id = p.section_id),"
      " p.employment, p.status, p.status_date FROM person p", error);
  if (!stmt)
    return NULL;
  DcStaffRoster *roster = g_new0 (DcStaffRoster, 1);
  roster->members = g_ptr_array_new_with_free_func (g_free);
  roster->strings = g_string_chunk_new (1 << 20);
  /* Keys live in the chunk. */
  roster->by_exact_number = g_hash_table_new (g_str_hash, g_str_equal);
  roster->by_number = g_hash_table_new (g_str_hash, g_str_equal);
  roster->by_exact_name = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcStaffMember *m = g_new0 (DcStaffMember, 1);
    char **columns[] = { &m->employee_no, &m->name, &m->section, &m->employment, &m->status,
                         &m->status_date };
    for (gsize i = 0; i < G_N_ELEMENTS (columns); i++) {
      const char *text = dc_stmt_text (stmt, (int) i);
      /* Sections, employments, statuses and dates repeat: kept once each. */
      *columns[i] = !text ? NULL : i < 2 ? g_string_chunk_insert (roster->strings, text)
                                         : g_string_chunk_insert_const (roster->strings, text);
    }
    g_ptr_array_add (roster->members, m);
    g_hash_table_insert (roster->by_exact_number, m->employee_no, m);
    const char *number = number_key_in (roster->strings, m->employee_no);
    g_hash_table_insert (roster->by_number, (gpointer) number,
                         g_hash_table_contains (roster->by_number, number) ? NULL : m);
    /* A name two persons share finds neither. */
    g_hash_table_insert (roster->by_exact_name, m->name,
                         g_hash_table_contains (roster->by_exact_name, m->name) ? NULL : m);
  }
  roster->posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  if (rc != DC_STMT_DONE || !load_holdings (store, roster, error)) {
    dc_staff_roster_free (roster);
    return NULL;
  }
  return roster;
}

void
dc_staff_roster_free (DcStaffRoster *roster)
{
  if (!roster)
    return;
  g_hash_table_unref (roster->by_exact_number);
  g_hash_table_unref (roster->by_number);
  g_hash_table_unref (roster->by_exact_name);
  if (roster->by_name)
    g_hash_table_unref (roster->by_name);
  g_hash_table_unref (roster->posts);
  g_ptr_array_unref (roster->members);
  g_string_chunk_free (roster->strings);
  g_free (roster);
}

guint
dc_staff_roster_size (DcStaffRoster *roster)
{
  return roster->members->len;
}

const DcStaffMember *
dc_staff_roster_by_number (DcStaffRoster *roster, const char *employee_no)
{
  if (!employee_no || !*employee_no)
    return NULL;
  const DcStaffMember *exact = g_hash_table_lookup (roster->by_exact_number, employee_no);
  if (exact)
    return exact;
  /* Plain digits (nearly every lookup) need no copy: their key is the digits
   * without leading zeros. */
  gsize digits = strspn (employee_no, "0123456789");
  if (!employee_no[digits]) {
    gsize zeros = strspn (employee_no, "0");
    return g_hash_table_lookup (roster->by_number, employee_no + MIN (zeros, digits - 1));
  }
  g_autofree char *key = dc_staff_number_key (employee_no);
  return g_hash_table_lookup (roster->by_number, key);
}

/* Names compared without spaces and width: built the first time a name is
 * not found as the roster writes it (most registers copy the roster). */
static GHashTable *
names_index (DcStaffRoster *roster)
{
  if (roster->by_name)
    return roster->by_name;
  roster->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < roster->members->len; i++) {
    DcStaffMember *m = g_ptr_array_index (roster->members, i);
    g_autofree char *key = dc_staff_name_key (m->name);
    const char *kept = g_string_chunk_insert_const (roster->strings, key);
    g_hash_table_insert (roster->by_name, (gpointer) kept,
                         g_hash_table_contains (roster->by_name, kept) ? NULL : m);
  }
  return roster->by_name;
}

/* A name as the roster writes it (the cheapest look-up first), else an
 * employee number. *FOUND: whether either matched (a shared name finds NULL). */
static const DcStaffMember *
by_name_or_number (DcStaffRoster *roster, const char *text, gboolean *found)
{
  gpointer exact = NULL;
  *found = TRUE;
  if (g_hash_table_lookup_extended (roster->by_exact_name, text, NULL, &exact))
    return exact;
  const DcStaffMember *m = dc_staff_roster_by_number (roster, text);
  *found = m != NULL;
  return m;
}

const DcStaffMember *
dc_staff_roster_find (DcStaffRoster *roster, const char *text)
{
  if (!text || !*text)
    return NULL;
  gboolean found;
  const DcStaffMember *m = by_name_or_number (roster, text, &found);
  if (found)
    return m;
  g_autofree char *key = dc_staff_name_key (text);
  return g_hash_table_lookup (names_index (roster), key);
}

/* What TEXT names without reading the index of all names: *MEMBER and TRUE
 * when it is a number or a name as written, or a post (whoever held it on
 * DATE, perhaps nobody); FALSE leaves only a name written differently, whose
 * key goes into *KEY. */
static gboolean
identify_fast (DcStaffRoster *roster, const char *text, const char *date, const DcStaffMember **member,
               char **key)
{
  gboolean found;
  *member = by_name_or_number (roster, text, &found);
  if (found)
    return TRUE;
  /* A post before names written differently: posts are few, names many. */
  *key = dc_staff_name_key (text);
  GPtrArray *holdings = g_hash_table_lookup (roster->posts, *key);
  *member = NULL;
  for (guint i = 0; holdings && i < holdings->len && !*member; i++) {
    Holding *h = g_ptr_array_index (holdings, i);
    if (g_strcmp0 (h->from, date) <= 0 && (!h->to || g_strcmp0 (date, h->to) < 0))
      *member = h->member;
  }
  return holdings != NULL;
}

const DcStaffMember *
dc_staff_roster_identify (DcStaffRoster *roster, const char *text, const char *date)
{
  if (!text || !*text)
    return NULL;
  const DcStaffMember *m;
  g_autofree char *key = NULL;
  if (identify_fast (roster, text, date, &m, &key))
    return m;
  return g_hash_table_lookup (names_index (roster), key);
}

gboolean
dc_staff_roster_names (DcStaffRoster *roster, const char *text, const char *date, const DcStaffMember *member)
{
  if (!text || !*text || !member)
    return FALSE;
  const DcStaffMember *m;
  g_autofree char *key = NULL;
  if (identify_fast (roster, text, date, &m, &key))
    return m == member;
  /* Written differently: compared with this one person, no index of everyone. */
  g_autofree char *name = dc_staff_name_key (member->name);
  return g_str_equal (key, name);
}
