#include "ids/dc-profile.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-preset.h"
#include "base/dc-text.h"

#include <stdlib.h>
#include <string.h>

void
dc_profile_free (DcProfile *p)
{
  if (!p)
    return;
  char *texts[] = { p->name, p->title, p->text, p->key, p->display_name, p->family_name,
                    p->given_name, p->class_column,
                    p->privileges, p->separators, p->last_login, p->guest_column };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
  GStrv lists[] = { p->account_classes, p->exclude_classes, p->flag_columns, p->group_members,
                    p->never, p->disabled_shells, p->login_domains, p->guest_values };
  for (gsize i = 0; i < G_N_ELEMENTS (lists); i++)
    g_strfreev (lists[i]);
  if (p->status)
    g_ptr_array_unref (p->status);
  if (p->system_uids)
    g_array_unref (p->system_uids);
  g_free (p);
}

static void
status_check_free (DcStatusCheck *check)
{
  g_free (check->column);
  g_strfreev (check->enabled);
  g_strfreev (check->disabled);
  g_free (check);
}

/* ---- reading the file ---- */

typedef struct {
  GKeyFile *file;
  const char *origin;
  GError **error;
  gboolean failed;
} Reader;

static void
fail (Reader *r, const char *group, const char *key, const char *message)
{
  if (r->failed)
    return;
  r->failed = TRUE;
  g_set_error (r->error, DC_INPUT_ERROR, DC_ERROR_INVALID, "%s: [%s] %s%s%s", r->origin, group,
               key ? key : "", key ? ": " : "", message);
}

/* A value with white space trimmed; NULL when absent or empty. */
static char *
text (Reader *r, const char *group, const char *key)
{
  char *value = g_key_file_get_string (r->file, group, key, NULL);
  if (value && !*g_strstrip (value))
    g_clear_pointer (&value, g_free);
  return value;
}

/* "a|b|c" as a list, each trimmed; an empty list when absent. */
static GStrv
list (Reader *r, const char *group, const char *key)
{
  g_autofree char *value = text (r, group, key);
  g_autoptr (GStrvBuilder) items = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit (value ? value : "", "|", -1);
  for (char **part = parts; *part; part++)
    if (*g_strstrip (*part))
      g_strv_builder_add (items, *part);
  return g_strv_builder_end (items);
}

static gboolean
boolean (Reader *r, const char *group, const char *key)
{
  g_autofree char *value = text (r, group, key);
  if (!value)
    return FALSE;
  if (!g_ascii_strcasecmp (value, "true") || !g_ascii_strcasecmp (value, "yes") || g_str_equal (value, "1"))
    return TRUE;
  if (g_ascii_strcasecmp (value, "false") && g_ascii_strcasecmp (value, "no") && !g_str_equal (value, "0"))
    fail (r, group, key, _ ("write true or false"));
  return FALSE;
}

/* "nfkc cp932 trim casefold" or "exact". */
static DcMatchFlags
match_flags (Reader *r)
{
  g_autofree char *value = text (r, "profile", "match");
  if (!value)
    return DC_MATCH_DEFAULT;
  g_auto (GStrv) words = g_strsplit_set (value, " ,", -1);
  DcMatchFlags flags = 0;
  for (char **w = words; *w; w++) {
    if (!**w || g_str_equal (*w, "exact"))
      continue;
    else if (g_str_equal (*w, "nfkc"))
      flags |= DC_MATCH_NFKC;
    else if (g_str_equal (*w, "cp932"))
      flags |= DC_MATCH_CP932_FOLD;
    else if (g_str_equal (*w, "trim"))
      flags |= DC_MATCH_TRIM;
    else if (g_str_equal (*w, "casefold"))
      flags |= DC_MATCH_CASEFOLD;
    else
      fail (r, "profile", "match", _ ("use nfkc, cp932, trim and casefold, or exact"));
  }
  return flags;
}

static void
read_status (Reader *r, DcProfile *p, const char *group)
{
  DcStatusCheck *check = g_new0 (DcStatusCheck, 1);
  g_ptr_array_add (p->status, check);
  check->column = text (r, group, "column");
  check->enabled = list (r, group, "enabled");
  check->disabled = list (r, group, "disabled");
  g_autofree char *rule = text (r, group, "rule");
  if (!check->column)
    fail (r, group, "column", _ ("is required: the column whose value tells whether an ID is enabled"));
  if (!rule || g_str_equal (rule, "values"))
    check->rule = DC_STATUS_VALUES;
  else if (g_str_equal (rule, "uac"))
    check->rule = DC_STATUS_UAC;
  else if (g_str_equal (rule, "present"))
    check->rule = DC_STATUS_PRESENT;
  else
    fail (r, group, "rule", _ ("use values, uac or present"));
  if (check->rule == DC_STATUS_VALUES && !check->enabled[0] && !check->disabled[0])
    fail (r, group, "enabled", _ ("rule values needs enabled = ... or disabled = ... (or both)"));
}

/* "1-999, 65534" */
static GArray *
uid_ranges (Reader *r)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *value = text (r, "passwd", "system_uids");
  g_auto (GStrv) parts = g_strsplit (value ? value : "", ",", -1);
  for (char **part = parts; *part; part++) {
    g_strstrip (*part);
    if (!**part)
      continue;
    guint64 first = 0, last = 0;
    g_auto (GStrv) bounds = g_strsplit (*part, "-", 2);
    gboolean ok = g_ascii_string_to_unsigned (bounds[0], 10, 0, G_MAXUINT32, &first, NULL) &&
                  g_ascii_string_to_unsigned (bounds[1] ? bounds[1] : bounds[0], 10, first,
                                              G_MAXUINT32, &last, NULL);
    if (!ok) {
      fail (r, "passwd", "system_uids", _ ("write numbers and ranges such as 1-999, 65534"));
      break;
    }
    guint pair[2] = { (guint) first, (guint) last };
    g_array_append_vals (ranges, pair, 2);
  }
  return ranges;
}

/* "a.lg.jp; b.lg.jp" (also "|", "," or spaces between), in the form they are compared in. */
static GStrv
domains (Reader *r)
{
  g_autofree char *value = text (r, "profile", "login_domains");
  g_autoptr (GStrvBuilder) items = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit_set (value ? value : "", ";|, \t", -1);
  for (char **part = parts; *part; part++) {
    g_autofree char *key = dc_match_key (*part, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
    if (*key == '@')
      memmove (key, key + 1, strlen (key));
    if (*key)
      g_strv_builder_add (items, key);
  }
  return g_strv_builder_end (items);
}

gboolean
dc_profile_login_part_parse (const char *text, DcLoginPart *part)
{
  if (!g_strcmp0 (text, "local"))
    *part = DC_LOGIN_PART_LOCAL;
  else if (!g_strcmp0 (text, "full"))
    *part = DC_LOGIN_PART_FULL;
  else
    return FALSE;
  return TRUE;
}

char *
dc_profile_login_key (const DcProfile *p, const char *raw, DcMatchFlags flags)
{
  if (!flags)
    flags = p->match;
  char *key = flags ? dc_match_key (raw, flags) : g_strdup (raw ? raw : "");
  if (p->login_part != DC_LOGIN_PART_LOCAL)
    return key;
  char *at = strrchr (key, '@');
  if (!at || at == key)
    return key;
  if (p->login_domains && p->login_domains[0]) {
    g_autofree char *domain = dc_match_key (at + 1, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD);
    if (!g_strv_contains ((const char *const *) p->login_domains, domain))
      return key;
  }
  *at = '\0';
  return key;
}

gboolean
dc_profile_login_is_guest (const char *raw, char **home)
{
  if (home)
    *home = NULL;
  const char *ext = raw ? strstr (raw, "#EXT#") : NULL;
  if (!ext)
    ext = raw ? strstr (raw, "#ext#") : NULL;
  if (!ext)
    return FALSE;
  /* taro_example.com#EXT#@tenant: the guest's own address, its "@" written "_" (the last one). */
  g_autofree char *own = g_strstrip (g_strndup (raw, (gsize) (ext - raw)));
  char *underscore = strrchr (own, '_');
  if (home && underscore && underscore != own && underscore[1]) {
    *underscore = '@';
    *home = g_steal_pointer (&own);
  }
  return TRUE;
}

DcProfile *
dc_profile_parse (const char *data, gsize length, const char *origin, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s: not a profile file (%s)"), origin,
                 local->message);
    return NULL;
  }
  Reader r = { file, origin, error, FALSE };
  g_autoptr (DcProfile) p = g_new0 (DcProfile, 1);
  p->text = g_strndup (data, length);
  p->name = text (&r, "profile", "name");
  p->title = text (&r, "profile", "title");
  p->key = text (&r, "profile", "key");
  p->match = match_flags (&r);
  g_autofree char *login_part = text (&r, "profile", "login_part");
  if (login_part && !dc_profile_login_part_parse (login_part, &p->login_part))
    fail (&r, "profile", "login_part", _ ("use full (the whole login) or local (the part before @)"));
  p->login_domains = domains (&r);
  if (p->login_domains[0] && p->login_part != DC_LOGIN_PART_LOCAL)
    fail (&r, "profile", "login_domains", _ ("is for login_part = local: add that line, or delete this one"));
  p->guest_column = text (&r, "guests", "column");
  p->guest_values = list (&r, "guests", "values");
  for (char **v = p->guest_values; *v; v++) {
    char *key = dc_text_match_key (*v);
    g_free (*v);
    *v = key;
  }
  if (p->guest_column && !p->guest_values[0])
    fail (&r, "guests", "values", _ ("is required: the values of the column that mean a guest (Guest)"));
  p->display_name = text (&r, "profile", "display_name");
  p->family_name = text (&r, "profile", "family_name");
  p->given_name = text (&r, "profile", "given_name");
  g_autofree char *values = text (&r, "profile", "values");
  p->csvde_values = values && g_str_equal (values, "csvde");
  if (values && !p->csvde_values && !g_str_equal (values, "plain"))
    fail (&r, "profile", "values", _ ("use plain or csvde (X'hex' values of csvde without -u)"));
  p->class_column = text (&r, "profile", "class");
  p->account_classes = list (&r, "profile", "account_classes");
  p->exclude_classes = list (&r, "profile", "exclude_classes");
  g_autofree char *format = text (&r, "profile", "format");
  if (!format || g_str_equal (format, "table"))
    p->format = DC_PROFILE_TABLE;
  else if (g_str_equal (format, "ldif"))
    p->format = DC_PROFILE_LDIF;
  else if (g_str_equal (format, "passwd"))
    p->format = DC_PROFILE_PASSWD;
  else
    fail (&r, "profile", "format", _ ("use table, ldif or passwd"));
  if (!p->name)
    fail (&r, "profile", "name", _ ("is required"));
  if (!p->key && p->format != DC_PROFILE_PASSWD)
    fail (&r, "profile", "key", _ ("is required: the column or attribute of the login ID"));

  p->privileges = text (&r, "privileges", "column");
  p->separators = text (&r, "privileges", "separators");
  if (!p->separators)
    p->separators = g_strdup (";");
  p->dn_cn = boolean (&r, "privileges", "dn");
  p->flag_columns = list (&r, "privileges", "flags");
  p->group_members = list (&r, "privileges", "groups");

  p->status = g_ptr_array_new_with_free_func ((GDestroyNotify) status_check_free);
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group; group++)
    if (g_str_equal (*group, "status") || g_str_has_prefix (*group, "status:"))
      read_status (&r, p, *group);

  p->last_login = text (&r, "last_login", "column");
  g_autofree char *login_format = text (&r, "last_login", "format");
  p->filetime = login_format && g_str_equal (login_format, "filetime");
  if (login_format && !p->filetime && !g_str_equal (login_format, "auto"))
    fail (&r, "last_login", "format", _ ("use auto or filetime"));
  p->never = list (&r, "last_login", "never");

  p->system_uids = uid_ranges (&r);
  p->disabled_shells = list (&r, "passwd", "disabled_shells");
  if (r.failed)
    return NULL;
  if (!p->title)
    p->title = g_strdup (p->name);
  return g_steal_pointer (&p);
}

DcProfile *
dc_profile_load (const char *name_or_path, GError **error)
{
  gsize length = 0;
  g_autofree char *text = dc_preset_read ("profiles", name_or_path, "profile", &length, error);
  return text ? dc_profile_parse (text, length, name_or_path, error) : NULL;
}

GStrv
dc_profile_preset_names (void)
{
  return dc_preset_names ("profiles");
}

gboolean
dc_profile_flag_set (const char *value)
{
  static const char *const marks[] = { "○", "◯", "〇", "●", "◎", "✓", "✔", "1", "true", "yes", "y",
                                       "有", "あり", "可" };
  g_autofree char *key = dc_text_match_key (value);
  if (!*key)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_equal (key, marks[i]))
      return TRUE;
  return FALSE;
}
