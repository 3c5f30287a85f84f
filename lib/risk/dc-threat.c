#include "risk/dc-threat.h"
#include "base/dc-i18n.h"
#include "base/dc-keyfile.h"
#include "base/dc-preset.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "risk/dc-risk-method.h"

#include <string.h>

static void
threat_free (DcThreat *threat)
{
  g_free (threat->code);
  g_free (threat->name);
  g_free (threat->name_en);
  g_strfreev (threat->types);
  g_free (threat->description);
  g_free (threat->controls);
  g_free (threat);
}

void
dc_threat_catalogue_free (DcThreatCatalogue *catalogue)
{
  if (!catalogue)
    return;
  g_free (catalogue->name);
  g_free (catalogue->version);
  g_free (catalogue->title);
  g_free (catalogue->source);
  g_clear_pointer (&catalogue->threats, g_ptr_array_unref);
  g_free (catalogue->definition);
  g_free (catalogue->sha256);
  g_free (catalogue);
}

/* ---- parsing ---- */

static gboolean
valid_code (const char *code)
{
  for (const char *c = code; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-' && *c != '.')
      return FALSE;
  return *code != '\0';
}

static gboolean
rating (DcKeyReader *p, const char *group, const char *key, int fallback, int *out)
{
  g_autofree char *text = dc_key_get (p, group, key);
  gint64 number = fallback;
  if (!text && fallback)
    number = fallback;
  else if (!text || !g_ascii_string_to_signed (text, 10, 1, DC_RISK_MAX_SCALE, &number, NULL))
    return text ? dc_key_fail (p, _ ("[%s] %s must be a rating from 1 to %d (not '%s')"), group, key,
                               DC_RISK_MAX_SCALE, text)
                : dc_key_fail (p, _ ("[%s] %s must be a rating from 1 to %d"), group, key, DC_RISK_MAX_SCALE);
  *out = (int) number;
  return TRUE;
}

static gboolean
parse_threat (DcKeyReader *p, DcThreatCatalogue *catalogue, const char *group)
{
  static const char *const keys[] = { "name", "name_en", "property", "types", "likelihood",
                                      "vulnerability", "description", "controls", NULL };
  const char *code = group + strlen ("threat ");
  if (!valid_code (code))
    return dc_key_fail (p, _ ("[%s]: '%s' is not a threat code (letters, digits, '.', '-' and '_')"), group, code);
  if (dc_threat_catalogue_find (catalogue, code))
    return dc_key_fail (p, _ ("threat %s is defined twice"), code);
  if (!dc_key_only (p, group, keys))
    return FALSE;

  DcThreat *threat = g_new0 (DcThreat, 1);
  g_ptr_array_add (catalogue->threats, threat);
  threat->code = g_strdup (code);
  if (!(threat->name = dc_key_required (p, group, "name")))
    return FALSE;
  threat->name_en = dc_key_optional (p, group, "name_en");
  threat->description = dc_key_optional (p, group, "description");
  threat->controls = dc_key_optional (p, group, "controls");
  g_autofree char *property = dc_key_required (p, group, "property");
  if (!property)
    return FALSE;
  if (strlen (property) != 1 || !strchr ("CIA", property[0]))
    return dc_key_fail (p, _ ("[%s] property '%s' must be C (leakage), I (tampering or error) or A "
                 "(outage or loss)"), group, property);
  threat->property = property[0];
  g_autofree char *types = dc_key_required (p, group, "types");
  if (!types)
    return FALSE;
  if (!g_str_equal (types, "*")) {
    threat->types = dc_key_split (types);
    if (!threat->types[0])
      return dc_key_fail (p, _ ("[%s] types lists no asset type (write * for every type)"), group);
  }
  return rating (p, group, "likelihood", 0, &threat->likelihood) &&
         rating (p, group, "vulnerability", 2, &threat->vulnerability);
}

DcThreatCatalogue *
dc_threat_catalogue_parse (const char *text, gsize length, const char *origin, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_utf8_validate (text, (gssize) length, NULL) ||
      !g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_THREAT_ERROR, DC_ERROR_INVALID, _ ("%s: not a threat catalogue (a UTF-8 "
                 "key file): %s"), origin, local ? local->message : "invalid UTF-8");
    return NULL;
  }
  DcKeyReader p = { file, origin, DC_THREAT_ERROR, error };
  g_autoptr (DcThreatCatalogue) catalogue = g_new0 (DcThreatCatalogue, 1);
  catalogue->threats = g_ptr_array_new_with_free_func ((GDestroyNotify) threat_free);
  if (!(catalogue->name = dc_key_required (&p, "catalogue", "name")) ||
      !(catalogue->version = dc_key_required (&p, "catalogue", "version")) ||
      !(catalogue->title = dc_key_required (&p, "catalogue", "title")))
    return NULL;
  catalogue->source = dc_key_optional (&p, "catalogue", "source");
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group; group++) {
    if (g_str_equal (*group, "catalogue"))
      continue;
    if (!g_str_has_prefix (*group, "threat ")) {
      dc_key_fail (&p, _ ("[%s] is not a group of a catalogue ([catalogue] and [threat CODE])"), *group);
      return NULL;
    }
    if (!parse_threat (&p, catalogue, *group))
      return NULL;
  }
  if (!catalogue->threats->len) {
    dc_key_fail (&p, _ ("the catalogue defines no threat ([threat CODE] groups)"));
    return NULL;
  }
  catalogue->definition = g_strndup (text, length);
  catalogue->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
  return g_steal_pointer (&catalogue);
}

GStrv
dc_threat_catalogue_names (void)
{
  return dc_preset_names ("threats");
}

DcThreatCatalogue *
dc_threat_catalogue_load (const char *name_or_path, GError **error)
{
  gsize length = 0;
  g_autofree char *text = dc_preset_read ("threats", name_or_path, _ ("threat catalogue"), &length, error);
  return text ? dc_threat_catalogue_parse (text, length, name_or_path, error) : NULL;
}

const DcThreat *
dc_threat_catalogue_find (const DcThreatCatalogue *catalogue, const char *code)
{
  for (guint i = 0; catalogue->threats && i < catalogue->threats->len; i++) {
    const DcThreat *threat = g_ptr_array_index (catalogue->threats, i);
    if (g_str_equal (threat->code, code))
      return threat;
  }
  return NULL;
}

gboolean
dc_threat_applies (const DcThreat *threat, const char *type)
{
  return !threat->types || g_strv_contains ((const char *const *) threat->types, type);
}

/* ---- the register's copy ---- */

DcThreatCatalogue *
dc_threat_catalogue_from_store (DcStore *store, gboolean *installed, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT name, definition FROM threat_catalogue WHERE id = 1", error);
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (installed)
    *installed = rc == DC_STMT_ROW;
  if (rc == DC_STMT_DONE)
    return dc_threat_catalogue_load (DC_THREAT_DEFAULT_CATALOGUE, error);
  if (rc != DC_STMT_ROW)
    return NULL;
  const char *text = dc_stmt_text (stmt, 1);
  g_autofree char *origin = g_strdup_printf (_ ("%s (threat catalogue %s)"), dc_store_path (store),
                                             dc_stmt_text (stmt, 0));
  return dc_threat_catalogue_parse (text, strlen (text), origin, error);
}

static gboolean
apply_install (DcStore *store, gpointer data, GError **error)
{
  const DcThreatCatalogue *catalogue = data;
  g_autofree char *today = dc_date_today ();
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO threat_catalogue (id, name, version, title, definition, installed_on)"
      " VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
      " version = excluded.version, title = excluded.title, definition = excluded.definition,"
      " installed_on = excluded.installed_on", error);
  if (!stmt)
    return FALSE;
  const char *texts[] = { catalogue->name, catalogue->version, catalogue->title,
                          catalogue->definition, today };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_stmt_bind_text (stmt, (int) i + 1, texts[i]);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_threat_catalogue_install (DcStore *store, const DcThreatCatalogue *catalogue, GError **error)
{
  return dc_change (store, NC_ ("action", "install"), "threat_catalogue", "catalogue", apply_install,
                    (gpointer) catalogue, error);
}
