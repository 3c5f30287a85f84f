#include "ids/dc-reconcile.h"
#include "base/dc-date.h"
#include "ids/dc-id.h"
#include "model/dc-record.h"
#include "base/dc-text.h"

#include <string.h>

/* ---- the register side ---- */

typedef struct {
  const char *raw;
  const char *key;               /* as the profile compares */
  const char *holder;            /* employee number or NULL */
  const char *holder_name;
  const char *kind;
  const char *applicant, *approver, *registrar;
  const char *approved_on, *valid_until, *shared_reason, *revoked_on;
  char **shared_users;           /* NULL-terminated, in the strings chunk */
  guint32 first_privilege;       /* into ids->privileges */
  guint32 n_privileges;
  gboolean revoked;
} RegisterId;

struct _DcRegisterIds {
  GArray *entries;               /* RegisterId */
  GPtrArray *privileges;         /* interned keys */
  GPtrArray *lists;              /* the shared_users arrays (owned) */
  GStringChunk *strings;
  DcMatchFlags match;            /* how the profile compares logins */
  DcLoginPart login_part;        /* ... which part of them */
  GStrv login_domains;
};

void
dc_register_ids_free (DcRegisterIds *ids)
{
  if (!ids)
    return;
  g_array_unref (ids->entries);
  g_ptr_array_unref (ids->privileges);
  g_ptr_array_unref (ids->lists);
  g_string_chunk_free (ids->strings);
  g_strfreev (ids->login_domains);
  g_free (ids);
}

guint
dc_reconcile_register_ids_count (const DcRegisterIds *ids)
{
  return ids->entries->len;
}

/* Column text in the chunk: once per distinct value where values repeat
 * (kinds, approvers, dates; *LAST is the column's previous value, the
 * likeliest to come again), else as it comes (holders, applicants). */
static const char *
kept (DcRegisterIds *ids, DcStmt *stmt, int column, gboolean repeats, const char **last)
{
  const char *text = dc_stmt_text (stmt, column);
  if (!text)
    return NULL;
  if (!repeats)
    return g_string_chunk_insert (ids->strings, text);
  if (!*last || strcmp (*last, text) != 0)
    *last = g_string_chunk_insert_const (ids->strings, text);
  return *last;
}

/* The approved privileges of a JSON array, interned; entries with the same
 * array share one range of the pool. */
static void
intern_privileges (DcRegisterIds *ids, DcNames *names, GHashTable *ranges, const char *json,
                   RegisterId *entry)
{
  gpointer range = g_hash_table_lookup (ranges, json);
  if (!range) {
    g_auto (GStrv) items = dc_text_list_from_json (json);
    guint32 first = ids->privileges->len;
    for (char **item = items; item && *item; item++) {
      const char *key = dc_names_intern (names, *item);
      if (*key)
        g_ptr_array_add (ids->privileges, (gpointer) key);
    }
    guint64 packed = ((guint64) first << 32) | (ids->privileges->len - first);
    range = g_memdup2 (&packed, sizeof packed);
    g_hash_table_insert (ranges, g_strdup (json), range);
  }
  guint64 packed = *(guint64 *) range;
  entry->first_privilege = (guint32) (packed >> 32);
  entry->n_privileges = (guint32) (packed & 0xffffffffu);
}

static char **
shared_users (DcRegisterIds *ids, const char *json)
{
  if (!json || g_str_equal (json, "[]"))
    return NULL;
  GStrv users = dc_text_list_from_json (json);
  g_ptr_array_add (ids->lists, users);
  return users;
}

DcRegisterIds *
dc_reconcile_register_ids_load (DcStore *store, const char *system, const DcProfile *profile, DcNames *names,
                      GError **error)
{
  gint64 system_id = dc_record_resolve (store, &dc_system_kind, system, error);
  if (!system_id)
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT login_id, holder, holder_name, kind, applicant, approver, registrar,"
             " approved_on, valid_until, shared_reason, revoked_on, status, privileges, shared_users"
             " FROM id_entry WHERE system_id = ?1", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  g_autoptr (DcRegisterIds) ids = g_new0 (DcRegisterIds, 1);
  ids->entries = g_array_new (FALSE, FALSE, sizeof (RegisterId));
  ids->privileges = g_ptr_array_new ();
  ids->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  ids->strings = g_string_chunk_new (1 << 20);
  ids->match = profile->match;
  ids->login_part = profile->login_part;
  ids->login_domains = g_strdupv (profile->login_domains);
  g_autoptr (GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *last[10] = { NULL };
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    RegisterId e = { 0 };
    const char *raw = dc_stmt_text (stmt, 0);
    e.raw = g_string_chunk_insert (ids->strings, raw);
    g_autofree char *key = profile->match || profile->login_part != DC_LOGIN_PART_FULL
                           ? dc_profile_login_key (profile, raw, 0) : NULL;
    e.key = key ? g_string_chunk_insert (ids->strings, key) : e.raw;
    const char **texts[] = { &e.holder, &e.holder_name, &e.kind, &e.applicant, &e.approver,
                             &e.registrar, &e.approved_on, &e.valid_until, &e.shared_reason,
                             &e.revoked_on };
    const gboolean repeats[] = { FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };
    for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
      *texts[i] = kept (ids, stmt, (int) i + 1, repeats[i], &last[i]);
    e.revoked = g_strcmp0 (dc_stmt_text (stmt, 11), "revoked") == 0;
    intern_privileges (ids, names, ranges, dc_stmt_text (stmt, 12), &e);
    e.shared_users = shared_users (ids, dc_stmt_text (stmt, 13));
    g_array_append_val (ids->entries, e);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&ids) : NULL;
}

/* ---- comparing ---- */

void
dc_reconcile_result_clear (DcReconcileResult *result)
{
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
}

typedef struct {
  const DcRegisterIds *ids;
  const DcAccounts *accounts;
  DcStaffRoster *roster;
  DcNames *names;
  const DcReconcileOptions *options;
  DcReconcileResult *result;
  gint32 as_of_day;
  gint32 *entry_of;        /* per account: the paired entry, or -1 */
  gboolean *paired;        /* per entry */
  GHashTable *identities;  /* (text, date) → member (or NULL): approvers and registrars repeat */
} Match;

/* The texts of approvers, registrars and dates are each kept once in the
 * register's chunk (dc_reconcile_register_ids_load), so their pointers are the key. */
typedef struct {
  const char *text;
  const char *date;
} Said;

static guint
said_hash (gconstpointer p)
{
  const Said *s = p;
  return g_direct_hash (s->text) * 31 + g_direct_hash (s->date);
}

static gboolean
said_equal (gconstpointer a, gconstpointer b)
{
  const Said *x = a, *y = b;
  return x->text == y->text && x->date == y->date;
}

static RegisterId *
entry_at (const Match *m, guint i)
{
  return &g_array_index (m->ids->entries, RegisterId, i);
}

static DcAccount *
account_at (const Match *m, guint i)
{
  return &g_array_index (m->accounts->accounts, DcAccount, i);
}

static void
add (Match *m, DcFindingKind kind, const char *key, const char *raw, const RegisterId *e, char *detail)
{
  g_ptr_array_add (m->result->findings,
                   dc_finding_new (kind, key, raw, e ? e->holder : NULL, e ? e->holder_name : "", detail));
  m->result->counts[kind]++;
}

/* key → GArray of indexes, for keys that more than one row has; and key →
 * index + 1 of the first row. */
typedef struct {
  GHashTable *first;
  GHashTable *more;
} Index;

static void
index_clear (Index *index)
{
  g_hash_table_unref (index->first);
  g_hash_table_unref (index->more);
}

static void
index_add (Index *index, const char *key, guint i)
{
  gpointer first = g_hash_table_lookup (index->first, key);
  if (!first) {
    g_hash_table_insert (index->first, (gpointer) key, GUINT_TO_POINTER (i + 1));
    return;
  }
  GArray *rows = g_hash_table_lookup (index->more, key);
  if (!rows) {
    rows = g_array_new (FALSE, FALSE, sizeof (guint));
    guint earlier = GPOINTER_TO_UINT (first) - 1;
    g_array_append_val (rows, earlier);
    g_hash_table_insert (index->more, (gpointer) key, rows);
  }
  g_array_append_val (rows, i);
}

static void
index_init (Index *index, guint size)
{
  index->first = g_hash_table_new (g_str_hash, g_str_equal);
  index->more = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  (void) size;
}

/* Pairs account A with the register entry for its key: the only one, or,
 * when logins collide on either side, the one written exactly the same. */
static void
pair (Match *m, const Index *register_index, gboolean export_collides, guint a)
{
  const DcAccount *account = account_at (m, a);
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (register_index->first, account->key));
  if (!first)
    return;
  GArray *several = g_hash_table_lookup (register_index->more, account->key);
  if (!several && !export_collides) {
    m->entry_of[a] = (gint32) first - 1;
    m->paired[first - 1] = TRUE;
    return;
  }
  for (guint i = 0; i < (several ? several->len : 1); i++) {
    guint e = several ? g_array_index (several, guint, i) : first - 1;
    if (!m->paired[e] && g_str_equal (entry_at (m, e)->raw, account->raw)) {
      m->entry_of[a] = (gint32) e;
      m->paired[e] = TRUE;
      return;
    }
  }
}

static void
report_collisions (Match *m, const Index *index, gboolean export_side)
{
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, index->more);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    GArray *rows = value;
    g_autoptr (GString) detail = g_string_new (export_side ? "システムの出力の " : "ID管理簿の");
    const char *first_raw = NULL;
    const RegisterId *first_entry = NULL;
    for (guint i = 0; i < rows->len; i++) {
      guint r = g_array_index (rows, guint, i);
      const char *raw = export_side ? account_at (m, r)->raw : entry_at (m, r)->raw;
      if (export_side)
        g_string_append_printf (detail, "%s行 %u「%s」", i ? "、" : "", account_at (m, r)->row, raw);
      else
        g_string_append_printf (detail, "%s「%s」", i ? "、" : "", raw);
      if (!first_raw) {
        first_raw = raw;
        first_entry = export_side ? NULL : entry_at (m, r);
      }
    }
    g_string_append_printf (detail, " が同じID（照合キー「%s」）と読める。統合せずに照合した", (const char *) key);
    add (m, DC_FINDING_KEY_COLLISION, key, first_raw, first_entry, g_string_free (g_steal_pointer (&detail), FALSE));
  }
}

static char *
person_text (const DcStaffMember *member)
{
  return dc_finding_person_text (member->name, member->employee_no);
}

static const char *
status_ja (const char *status)
{
  const DcEnumValue *value = dc_enum_by_code (dc_record_kind_field (&dc_person_kind, "status"), status);
  return value ? value->ja : status;
}

/* A holder (by employee number) or shared user (by number or name): not in
 * the roster, or gone while the ID is enabled. */
static void
check_person (Match *m, const RegisterId *e, const char *raw, const char *who, const char *role,
              gboolean by_number, gboolean enabled)
{
  const DcStaffMember *member = by_number ? dc_staff_roster_by_number (m->roster, who)
                                          : dc_staff_roster_find (m->roster, who);
  if (!member) {
    add (m, DC_FINDING_HOLDER_UNKNOWN, e->key, raw, e,
         g_strdup_printf ("%s「%s」が職員名簿にない", role, who));
    return;
  }
  if (enabled && dc_staff_member_departed (member, m->options->as_of)) {
    g_autofree char *person = person_text (member);
    g_autofree char *when = member->status_date
      ? g_strdup_printf ("%s に%s", member->status_date, status_ja (member->status))
      : g_strdup_printf ("%s（日付不明）", status_ja (member->status));
    add (m, DC_FINDING_HOLDER_DEPARTED, e->key, raw, e,
         g_strdup_printf ("%s %s は %s（職員名簿）。IDはシステムで有効", role, person, when));
  }
}

static void
check_holders (Match *m, const RegisterId *e, const char *raw, gboolean enabled)
{
  /* Personal IDs need a holder; shared, service and emergency IDs may have none. */
  if (e->holder)
    check_person (m, e, raw, e->holder, "保有者", TRUE, enabled);
  else if (g_str_equal (e->kind, "user") || g_str_equal (e->kind, "privileged"))
    add (m, DC_FINDING_HOLDER_UNKNOWN, e->key, raw, e,
         g_strdup_printf ("保有者（職員番号）の記録がない%s%s", *e->holder_name ? ": " : "", e->holder_name));
  for (char **user = e->shared_users; user && *user; user++)
    check_person (m, e, raw, *user, "共有者", FALSE, enabled);
}

/* Privileges the system grants that the register does not approve. */
static void
check_privileges (Match *m, const RegisterId *e, const DcAccount *a)
{
  g_autoptr (GString) excess = g_string_new (NULL);
  for (guint i = 0; i < a->n_privileges; i++) {
    gpointer granted = g_ptr_array_index (m->accounts->privileges, a->first_privilege + i);
    gboolean approved = FALSE;
    for (guint j = 0; j < e->n_privileges && !approved; j++)
      approved = g_ptr_array_index (m->ids->privileges, e->first_privilege + j) == granted;
    if (!approved)
      g_string_append_printf (excess, "%s%s", excess->len ? "、" : "", dc_names_display (m->names, granted));
  }
  if (excess->len)
    add (m, DC_FINDING_EXCESS_PRIVILEGE, e->key, a->raw, e,
         g_strdup_printf ("承認されていない権限: %s", excess->str));
}

static void
check_dormant (Match *m, const RegisterId *e, const DcAccount *a)
{
  if (g_str_equal (e->kind, "emergency") || a->last_login == DC_LOGIN_UNKNOWN)
    return;   /* an emergency ID is kept unused on purpose */
  if (a->last_login == DC_LOGIN_NEVER) {
    add (m, DC_FINDING_DORMANT, e->key, a->raw, e, g_strdup ("一度もログインしていない"));
    return;
  }
  gint32 days = m->as_of_day - a->last_login;
  if (days > (gint32) m->options->dormant_days) {
    g_autofree char *date = dc_date_from_day (a->last_login);
    add (m, DC_FINDING_DORMANT, e->key, a->raw, e,
         g_strdup_printf ("最終ログイン %s（基準日の %d 日前。基準は %u 日）", date, days,
                          m->options->dormant_days));
  }
}

/* What the register says of an ID the system has. */
static void
check_pair (Match *m, const RegisterId *e, const DcAccount *a)
{
  if (e->revoked) {
    if (a->enabled)
      add (m, DC_FINDING_REVOKED_IN_SYSTEM, e->key, a->raw, e,
           g_strdup_printf ("ID管理簿では %s に削除済みだが、システムで有効", e->revoked_on ? e->revoked_on : ""));
    return;
  }
  if (!a->enabled)
    add (m, DC_FINDING_DISABLED_IN_SYSTEM, e->key, a->raw, e,
         g_strdup_printf ("ID管理簿では有効（%s）だが、システムで無効化されている", dc_id_kind_name (e->kind)));
  check_holders (m, e, a->raw, a->enabled);
  if (m->accounts->has_privileges)
    check_privileges (m, e, a);
  if (a->enabled)
    check_dormant (m, e, a);
  gint32 until;
  if (a->enabled && e->valid_until && dc_date_to_day (e->valid_until, &until) && until < m->as_of_day)
    add (m, DC_FINDING_EXPIRED_APPROVAL, e->key, a->raw, e,
         g_strdup_printf ("承認の有効期限 %s を過ぎてもシステムで有効", e->valid_until));
}

/* Who TEXT (a text kept once in the register's chunk) names on DATE, remembered. */
static const DcStaffMember *
identify (Match *m, const char *text, const char *date)
{
  if (!text || !*text)
    return NULL;
  Said said = { text, date };
  gpointer member;
  if (g_hash_table_lookup_extended (m->identities, &said, NULL, &member))
    return member;
  member = (gpointer) dc_staff_roster_identify (m->roster, text, date);
  g_hash_table_insert (m->identities, g_memdup2 (&said, sizeof said), member);
  return member;
}

/* What the register says of itself: approvals of shared IDs, and the
 * separation of applicant, approver and registrar. */
static void
check_entry (Match *m, const RegisterId *e)
{
  if (g_str_equal (e->kind, "shared")) {
    g_autoptr (GString) missing = g_string_new (NULL);
    const char *parts[][2] = { { e->shared_reason, "共有理由" }, { e->approver, "承認者" } };
    for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
      if (!parts[i][0] || !*parts[i][0])
        g_string_append_printf (missing, "%s%s", missing->len ? "・" : "", parts[i][1]);
    if (!e->shared_users)
      g_string_append_printf (missing, "%s共有者", missing->len ? "・" : "");
    if (missing->len)
      add (m, DC_FINDING_SHARED_UNAPPROVED, e->key, e->raw, e,
           g_strdup_printf ("共有IDの%sの記録がない", missing->str));
  }
  /* Both pairs have the approver: without one, there is nothing to compare. */
  const char *date = e->approved_on ? e->approved_on : m->options->as_of;
  const DcStaffMember *approver = identify (m, e->approver, date);
  if (!approver)
    return;
  /* Applicants are as many as the IDs: each is compared with the approver only. */
  const struct { gboolean same; const char *roles; } pairs[] = {
    { dc_staff_roster_names (m->roster, e->applicant, date, approver), "申請者と承認者" },
    { identify (m, e->registrar, date) == approver, "承認者と登録者" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (pairs[i].same) {
      g_autofree char *person = person_text (approver);
      add (m, DC_FINDING_SOD_VIOLATION, e->key, e->raw, e,
           g_strdup_printf ("%sが同一人物: %s", pairs[i].roles, person));
    }
}

/* LOOSE → index + 1 of the only row with it, G_MAXUINT when several have it. */
static void
note_loose (const DcRegisterIds *ids, GHashTable *table, const char *raw, guint i)
{
  DcProfile compare = { .match = DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD, .login_part = ids->login_part,
                        .login_domains = ids->login_domains };
  char *loose = dc_profile_login_key (&compare, raw, 0);
  gpointer seen = g_hash_table_lookup (table, loose);
  g_hash_table_replace (table, loose, GUINT_TO_POINTER (seen ? G_MAXUINT : i + 1));
}

/* A profile that tells case or width apart left an account and a register
 * entry unpaired that differ only so: SPELLING_OF[account] becomes the entry
 * (else -1), and SPELLED[entry] TRUE. Only one-to-one: nothing is guessed. */
static void
pair_spellings (Match *m, gint32 *spelling_of, gboolean *spelled)
{
  const DcMatchFlags loose = DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD;
  guint n_accounts = m->accounts->accounts->len, n_entries = m->ids->entries->len;
  for (guint i = 0; i < n_accounts; i++)
    spelling_of[i] = -1;
  if ((m->ids->match & loose) == loose)
    return;
  g_autoptr (GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_accounts; i++)
    if (m->entry_of[i] < 0)
      note_loose (m->ids, accounts, account_at (m, i)->raw, i);
  for (guint i = 0; i < n_entries; i++)
    if (!m->paired[i] && !entry_at (m, i)->revoked)
      note_loose (m->ids, entries, entry_at (m, i)->raw, i);
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    guint a = GPOINTER_TO_UINT (value), e = GPOINTER_TO_UINT (g_hash_table_lookup (entries, key));
    if (a == G_MAXUINT || !e || e == G_MAXUINT)
      continue;
    spelling_of[a - 1] = (gint32) e - 1;
    spelled[e - 1] = TRUE;
  }
}

/* After the "@": the domain of LOGIN, or NULL. */
static const char *
domain_of (const char *login)
{
  const char *at = login ? strrchr (login, '@') : NULL;
  return at && at[1] ? at + 1 : NULL;
}

/* An external guest the register does not list: who invited it (the tenant's
 * domain) and where it comes from (its own address and domain). */
static char *
guest_detail (const DcAccount *a)
{
  g_autoptr (GString) detail = g_string_new ("ID管理簿に記載のない外部ゲスト（");
  const char *home = a->guest_home ? domain_of (a->guest_home) : NULL;
  const char *inviting = domain_of (a->raw);
  if (a->guest_home)
    g_string_append_printf (detail, "本人のアドレス %s、所属元ドメイン %s、", a->guest_home, home ? home : "不明");
  else if (inviting && !strstr (a->raw, "#EXT#"))
    g_string_append_printf (detail, "所属元ドメイン %s、", inviting);
  if (inviting && (a->guest_home || strstr (a->raw, "#EXT#")))
    g_string_append_printf (detail, "招待元 %s、", inviting);
  g_string_append_printf (detail, "行 %u%s%s%s）", a->row, a->display_name ? "、表示名 " : "",
                          a->display_name ? a->display_name : "", a->enabled ? "" : "、システムでは無効");
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

/* The run's note on comparing only the part of logins before "@". */
static char *
login_part_note (const DcRegisterIds *ids, const DcReconcileOptions *options)
{
  g_autoptr (GString) note = g_string_new (DC_RECONCILE_NOTE_LOGIN_PART "（");
  if (ids->login_domains && ids->login_domains[0]) {
    g_autofree char *list = g_strjoinv ("、", ids->login_domains);
    g_string_append_printf (note, "ドメイン %s のもの。ほかのドメインのIDは全体で照合した。", list);
  } else {
    g_string_append (note, "すべてのドメイン。");
  }
  g_string_append_printf (note, "%s による）", options->login_part_origin ? options->login_part_origin
                                                                         : "プロファイルの login_part = local");
  return g_string_free (g_steal_pointer (&note), FALSE);
}

void
dc_reconcile (const DcRegisterIds *ids, const DcAccounts *accounts, DcStaffRoster *roster, DcNames *names,
              const DcReconcileOptions *options, DcReconcileResult *result)
{
  memset (result, 0, sizeof *result);
  result->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_finding_free);
  result->notes = g_ptr_array_new_with_free_func (g_free);
  guint n_accounts = accounts->accounts->len, n_entries = ids->entries->len;
  Match m = { ids, accounts, roster, names, options, result, 0,
              g_new (gint32, n_accounts), g_new0 (gboolean, n_entries),
              g_hash_table_new_full (said_hash, said_equal, g_free, NULL) };
  if (!dc_date_to_day (options->as_of, &m.as_of_day))
    g_return_if_reached ();

  Index by_account, by_entry;
  index_init (&by_account, n_accounts);
  index_init (&by_entry, n_entries);
  for (guint i = 0; i < n_entries; i++)
    index_add (&by_entry, entry_at (&m, i)->key, i);
  for (guint i = 0; i < n_accounts; i++)
    index_add (&by_account, account_at (&m, i)->key, i);
  for (guint i = 0; i < n_accounts; i++) {
    m.entry_of[i] = -1;
    pair (&m, &by_entry, g_hash_table_contains (by_account.more, account_at (&m, i)->key), i);
  }
  report_collisions (&m, &by_account, TRUE);
  report_collisions (&m, &by_entry, FALSE);

  g_autofree gint32 *spelling_of = g_new (gint32, n_accounts);
  g_autofree gboolean *spelled = g_new0 (gboolean, n_entries);
  pair_spellings (&m, spelling_of, spelled);

  for (guint i = 0; i < n_accounts; i++) {
    const DcAccount *a = account_at (&m, i);
    if (m.entry_of[i] >= 0) {
      check_pair (&m, entry_at (&m, m.entry_of[i]), a);
      result->matched++;
      continue;
    }
    if (spelling_of[i] >= 0) {
      const RegisterId *e = entry_at (&m, spelling_of[i]);
      add (&m, DC_FINDING_LOGIN_SPELLING, a->key, a->raw, e,
           g_strdup_printf ("システムでは「%s」（行 %u）、ID管理簿では「%s」。大文字・小文字又は全角・半角だけが"
                            "異なるが、このプロファイルは区別して照合するため同じIDとは扱っていない",
                            a->raw, a->row, e->raw));
      continue;
    }
    if (a->optional)
      continue;   /* an operating system's own account the register does not list */
    if (a->guest) {
      add (&m, DC_FINDING_EXTERNAL_GUEST, a->key, a->raw, NULL, guest_detail (a));
      continue;
    }
    add (&m, DC_FINDING_UNREGISTERED, a->key, a->raw, NULL,
         g_strdup_printf ("ID管理簿に記載がない（行 %u%s%s%s）", a->row, a->display_name ? "、表示名 " : "",
                          a->display_name ? a->display_name : "", a->enabled ? "" : "、システムでは無効"));
  }
  for (guint i = 0; i < n_entries; i++) {
    const RegisterId *e = entry_at (&m, i);
    if (e->revoked)
      continue;
    if (!m.paired[i] && !spelled[i])
      add (&m, DC_FINDING_NOT_IN_SYSTEM, e->key, e->raw, e,
           g_strdup_printf ("ID管理簿では有効（%s）だが、システムの出力にない", dc_id_kind_name (e->kind)));
    check_entry (&m, e);
  }
  if (ids->login_part == DC_LOGIN_PART_LOCAL)
    g_ptr_array_add (result->notes, login_part_note (ids, options));
  if (accounts->privilege_placeholder)
    g_ptr_array_add (result->notes, g_strdup_printf (
        "権限の列に値ではなく型名「%s」が書かれている（Windows PowerShell 5.1 の Export-Csv）ため、"
        "承認を超える権限は確認していない。権限も照合するには、Select に "
        "@{n='MemberOf';e={$_.MemberOf -join ';'}} を加えて出力し直す", accounts->privilege_placeholder));
  else if (!accounts->has_privileges)
    g_ptr_array_add (result->notes, g_strdup ("この出力には権限の列がないため、承認を超える権限は確認していない"));
  if (!accounts->has_last_login)
    g_ptr_array_add (result->notes, g_strdup ("この出力には最終ログインの列がないため、長期未使用は確認していない"));
  if (!accounts->has_status)
    g_ptr_array_add (result->notes, g_strdup ("この出力には有効・無効の列がないため、すべて有効とみなした"));

  g_ptr_array_sort (result->findings, dc_finding_compare);
  for (guint i = 0; i < result->findings->len; i++)
    ((DcFinding *) g_ptr_array_index (result->findings, i))->seq = i + 1;
  index_clear (&by_account);
  index_clear (&by_entry);
  g_free (m.entry_of);
  g_free (m.paired);
  g_hash_table_unref (m.identities);
}
