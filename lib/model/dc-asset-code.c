#include "model/dc-asset-code.h"
#include "base/dc-i18n.h"
#include "model/dc-record.h"
#include "model/dc-register.h"

#include <string.h>

gboolean
dc_asset_code_split (const char *code, char **prefix, guint *digits, gint64 *number)
{
  gsize length = code ? strlen (code) : 0, start = length;
  while (start > 0 && g_ascii_isdigit (code[start - 1]))
    start--;
  guint count = (guint) (length - start);
  if (count == 0 || count > 18)
    return FALSE;
  if (prefix)
    *prefix = g_strndup (code, start);
  if (digits)
    *digits = count;
  if (number)
    *number = g_ascii_strtoll (code + start, NULL, 10);
  return TRUE;
}

typedef struct {
  guint count;
  guint last;      /* 1 + the index of the last code of the series */
  guint width;     /* the digits of a zero-padded code, else 1 */
} Series;

gboolean
dc_asset_code_series (const char *const *codes, char **prefix, guint *width)
{
  g_autoptr (GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; codes && codes[i]; i++) {
    char *p = NULL;
    guint digits;
    if (!dc_asset_code_split (codes[i], &p, &digits, NULL))
      continue;
    Series *s = g_hash_table_lookup (series, p);
    if (!s) {
      s = g_new0 (Series, 1);
      s->width = 1;
      g_hash_table_insert (series, p, s);
    } else {
      g_free (p);
    }
    s->count++;
    s->last = i + 1;
    if (digits > 1 && codes[i][strlen (codes[i]) - digits] == '0')
      s->width = MAX (s->width, digits);
  }
  const char *best = NULL;
  const Series *chosen = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, series);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    const Series *s = value;
    if (!chosen || s->count > chosen->count || (s->count == chosen->count && s->last > chosen->last)) {
      chosen = s;
      best = key;
    }
  }
  if (!chosen)
    return FALSE;
  if (prefix)
    *prefix = g_strdup (best);
  if (width)
    *width = chosen->width;
  return TRUE;
}

char *
dc_asset_code_next (const char *const *codes, const char *prefix, guint width, gint64 first)
{
  gint64 high = MAX (first, 1) - 1;
  for (guint i = 0; codes && codes[i]; i++) {
    g_autofree char *p = NULL;
    gint64 number;
    if (dc_asset_code_split (codes[i], &p, NULL, &number) && g_str_equal (p, prefix))
      high = MAX (high, number);
  }
  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) MAX (width, 1), high + 1);
}

/* The codes of the assets of section SECTION_ID (0: all), in the order added. */
static GStrv
codes_of (DcStore *store, gint64 section_id, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT code FROM asset WHERE ?1 = 0 OR section_id = ?1 ORDER BY id", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, section_id);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_strv_builder_add (builder, dc_stmt_text (stmt, 0));
  if (rc != DC_STMT_DONE)
    return NULL;
  return g_strv_builder_end (builder);
}

gboolean
dc_asset_code_rule (DcStore *store, const char *section, char **prefix, guint *width, gint64 *first,
                    const char **rule, GError **error)
{
  *prefix = NULL;
  *width = 4;
  *first = 1;
  const char *why = NULL;
  gint64 section_id = section ? dc_record_resolve (store, &dc_section_kind, section, NULL) : 0;
  if (section_id > 0) {
    g_auto (GStrv) own = codes_of (store, section_id, error);
    if (!own)
      return FALSE;
    if (dc_asset_code_series ((const char *const *) own, prefix, width))
      why = N_ ("the series of the section's assets");
  }
  if (!why) {
    g_autofree char *pattern = dc_setting_get (store, DC_ASSET_CODE_SETTING, NULL);
    if (pattern && dc_asset_code_split (pattern, prefix, width, first))
      why = N_ ("the register's pattern (daicho asset numbering)");
  }
  if (!why) {
    g_auto (GStrv) registered = codes_of (store, 0, error);
    if (!registered)
      return FALSE;
    if (dc_asset_code_series ((const char *const *) registered, prefix, width))
      why = N_ ("the series of the register's assets");
  }
  if (!why) {
    *prefix = g_strdup ("A-");
    *width = 4;
    why = N_ ("the first of A-0001");
  }
  if (rule)
    *rule = why;
  return TRUE;
}

char *
dc_asset_code_new (DcStore *store, const char *section, const char *const *taken,
                   const char **rule, GError **error)
{
  g_autofree char *prefix = NULL;
  guint width;
  gint64 first;
  if (!dc_asset_code_rule (store, section, &prefix, &width, &first, rule, error))
    return NULL;
  g_auto (GStrv) registered = codes_of (store, 0, error);
  if (!registered)
    return NULL;
  g_autofree char *in_register = dc_asset_code_next ((const char *const *) registered, prefix, width, first);
  g_autofree char *in_taken = dc_asset_code_next (taken, prefix, width, first);
  gint64 a = 0, b = 0;
  dc_asset_code_split (in_register, NULL, NULL, &a);
  dc_asset_code_split (in_taken, NULL, NULL, &b);
  gint64 number = MAX (a, b);
  /* A code written differently (Ｈ０-０１１) is the same asset: pass it over. */
  for (guint tries = 0;; tries++) {
    char *code = g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, (int) MAX (width, 1), number++);
    g_autofree char *existing = tries < 1000 ? dc_record_find_code (store, &dc_asset_kind, code, NULL) : NULL;
    if (!existing)
      return code;
    g_free (code);
  }
}
