#include "model/dc-register.h"
#include "store/dc-history.h"
#include "base/dc-i18n.h"

static gboolean
apply_install (DcStore *store, gpointer data, GError **error)
{
  return dc_scheme_install (store, data, error);
}

gboolean
dc_register_init (DcStore *store, const DcScheme *scheme, const char *organisation,
                  GError **error)
{
  if (!dc_change (store, NC_ ("action", "init"), "scheme", scheme->name, apply_install, (gpointer) scheme, error))
    return FALSE;
  return !organisation || dc_setting_set (store, "organisation", organisation, error);
}

char *
dc_setting_get (DcStore *store, const char *key, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT value FROM setting WHERE key = ?1",
                                                    error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, key);
  return dc_store_step (store, stmt, error) == DC_STMT_ROW ? dc_stmt_dup (stmt, 0) : NULL;
}

typedef struct {
  const char *key;
  const char *value;
} Setting;

static gboolean
apply_setting (DcStore *store, gpointer data, GError **error)
{
  Setting *setting = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "INSERT INTO setting (key, value) VALUES (?1, ?2)"
             " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, setting->key);
  dc_stmt_bind_text (stmt, 2, setting->value);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_setting_set (DcStore *store, const char *key, const char *value, GError **error)
{
  Setting setting = { key, value };
  return dc_change (store, NC_ ("action", "set"), "setting", key, apply_setting, &setting, error);
}
