#include "audit/dc-audit-verify.h"
#include "audit/dc-audit-files.h"
#include "audit/dc-audit-state.h"
#include "audit/dc-manifest.h"
#include "audit/dc-register-xml.h"
#include "readers/dc-xml.h"
#include "base/dc-i18n.h"
#include "base/dc-atomic.h"
#include "base/dc-date.h"
#include "base/dc-file.h"
#include "base/dc-text.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <string.h>
#include <unistd.h>

void
dc_audit_verify_report_clear (DcAuditVerifyReport *r)
{
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_clear_pointer (&r->hash, g_free);
}

static void
problem (DcAuditVerifyReport *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (DcAuditVerifyReport *r, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_ptr_array_add (r->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Whether the history recorded this manifest when the package was made. */
static gboolean
check_recorded (DcStore *store, const char *dir, DcAuditVerifyReport *r, char **sha256, GError **error)
{
  g_autofree char *path = g_build_filename (dir, DC_MANIFEST_NAME, NULL);
  if (!(*sha256 = dc_file_sha256 (path, error)))
    return FALSE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT 1 FROM history WHERE entity = ?1"
                                                    " AND entity_key = ?2 AND action = 'export'", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, DC_AUDIT_FILES_ENTITY);
  dc_stmt_bind_text (stmt, 2, *sha256);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_DONE)
    problem (r, _ ("database: %s is not the manifest daicho recorded when it made a package (no export "
                   "with SHA-256 %s in the history): the package was changed and its manifest rewritten, "
                   "or it was made from another register"), DC_MANIFEST_NAME, *sha256);
  return rc == DC_STMT_ROW || rc == DC_STMT_DONE;
}

/* register.xml rebuilt from the history up to the package's last entry, with
 * the package's as-of, filters and time, compared byte for byte. */
static gboolean
check_register_xml (DcStore *store, const char *dir, const DcManifest *m, DcAuditVerifyReport *r,
                    GError **error)
{
  g_autofree char *path = g_build_filename (dir, DC_AUDIT_FILES_REGISTER_XML, NULL);
  g_autofree char *package = NULL;
  gsize package_length = 0;
  if (!g_file_get_contents (path, &package, &package_length, NULL))
    return TRUE;  /* missing: said already */
  const char *as_of = dc_manifest_get (m, "as_of"), *fy = dc_manifest_get (m, "filter_fy");
  const char *section = dc_manifest_get (m, "filter_section"), *system = dc_manifest_get (m, "filter_system");
  as_of = g_strcmp0 (as_of, "-") == 0 ? NULL : as_of;
  DcAuditFilter filter = { g_strcmp0 (section, "-") == 0 ? NULL : section,
                           g_strcmp0 (system, "-") == 0 ? NULL : system,
                           fy && g_strcmp0 (fy, "-") != 0 ? (int) g_ascii_strtoll (fy, NULL, 10) : 0 };
  g_auto (DcAuditState) state = { 0 };
  g_autoptr (GError) local = NULL;
  xmlDocPtr doc = NULL;
  if (dc_audit_state_load_upto (store, NULL, r->seq, &filter, &state, &local))
    doc = dc_register_xml_build (store, &state, as_of, &filter, dc_manifest_get (m, "exported_at"), &local);
  if (!doc) {
    problem (r, _ ("database: %s cannot be rebuilt from the history (%s)"), DC_AUDIT_FILES_REGISTER_XML, local->message);
    return TRUE;
  }
  gsize length = 0;
  g_autofree char *rebuilt = dc_register_xml_text (doc, &length);
  xmlFreeDoc (doc);
  if (length == package_length && memcmp (rebuilt, package, length) == 0)
    return TRUE;
  g_autoptr (GPtrArray) differences = dc_register_xml_differences (package, package_length, rebuilt, length, NULL);
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; differences && i < differences->len && i < 20; i++)
    g_string_append_printf (list, "%s%s", i ? "; " : "", (const char *) g_ptr_array_index (differences, i));
  if (differences && differences->len > 20)
    g_string_append_printf (list, "; … (%u)", differences->len);
  problem (r, _ ("database: %s is not the one its history gives for entry %lld: %s"), DC_AUDIT_FILES_REGISTER_XML,
           (long long) r->seq, list->len ? list->str : _ ("the text differs"));
  return TRUE;
}

/* The entries after the package's, but the one recording the package. */
static gboolean
list_newer (DcStore *store, const char *sha256, DcAuditVerifyReport *r, GError **error)
{
  DcHistoryFilter all = { NULL, NULL, NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &all, error);
  if (!entries)
    return FALSE;
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_history_entry_free);
  for (guint i = 0; i < entries->len; i++) {
    DcHistoryEntry *entry = g_ptr_array_index (entries, i);
    if (entry->seq <= r->seq || (g_str_equal (entry->entity, DC_AUDIT_FILES_ENTITY)
                                 && g_strcmp0 (entry->entity_key, sha256) == 0))
      continue;
    g_ptr_array_add (r->changes, g_ptr_array_steal_index (entries, i));
    i--;
  }
  r->newer = r->changes->len;
  return TRUE;
}

/* The database's history must hold the package's last entry, unchanged, and
 * verify as a whole; it must have recorded this manifest, and register.xml
 * must be the one it gives. */
static gboolean
verify_database (DcStore *store, const char *dir, const DcManifest *m, DcAuditVerifyReport *r, GError **error)
{
  g_auto (DcVerifyReport) chain = { 0 };
  g_autoptr (GError) tampered = NULL;
  if (!dc_history_verify (store, &chain, &tampered)) {
    if (!chain.problem) {
      g_propagate_error (error, g_steal_pointer (&tampered));
      return FALSE;
    }
    problem (r, _ ("database: %s"), chain.problem);
  }
  g_autofree char *sha256 = NULL;
  if (!check_recorded (store, dir, r, &sha256, error))
    return FALSE;
  if (r->seq == 0)
    return list_newer (store, sha256, r, error) && check_register_xml (store, dir, m, r, error);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT hash FROM history WHERE seq = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, r->seq);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_DONE)
    problem (r, _ ("database: its history has no entry %lld (the package's last): not the database the "
                   "package was made from, or its history was cut"), (long long) r->seq);
  else if (rc != DC_STMT_ROW)
    return FALSE;
  else if (g_strcmp0 (dc_stmt_text (stmt, 0), r->hash) != 0)
    problem (r, _ ("database: history entry %lld has another hash than the package records: the history was "
                   "rewritten since the package was made, or it is another database"), (long long) r->seq);
  else
    return list_newer (store, sha256, r, error) && check_register_xml (store, dir, m, r, error);
  return TRUE;
}

/* The files every package holds, and those its 説明.txt lists (as included,
 * or as left out): a file taken out with its manifest line is found so. */
static void
check_complete (const char *dir, const DcManifest *m, DcAuditVerifyReport *r)
{
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < m->names->len; i++)
    g_hash_table_add (listed, g_ptr_array_index (m->names, i));
  static const char *const required[] = { DC_AUDIT_FILES_REGISTER_XML, DC_REGISTER_XSD_NAME, DC_AUDIT_FILES_README };
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (listed, required[i]) && !g_str_equal (required[i], DC_AUDIT_FILES_REGISTER_XML))
      problem (r, _ ("%s is missing from the package (every package holds it)"), required[i]);
  g_autofree char *path = g_build_filename (dir, DC_AUDIT_FILES_README, NULL);
  g_autofree char *text = NULL;
  if (!g_hash_table_contains (listed, DC_AUDIT_FILES_README) || !g_file_get_contents (path, &text, NULL, NULL))
    return;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) left_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int part = 0;  /* 1: 収録ファイル, 2: 収録していないもの */
  for (char **line = lines; *line; line++) {
    if (g_str_has_prefix (*line, "■"))
      part = g_str_has_prefix (*line, "■ 収録ファイル") ? 1 : g_str_has_prefix (*line, "■ 収録していないもの") ? 2 : 0;
    if (!g_str_has_prefix (*line, "・"))
      continue;
    const char *name = *line + strlen ("・");
    if (part == 1 && !g_str_equal (name, DC_MANIFEST_NAME) && !g_hash_table_contains (listed, name))
      problem (r, _ ("%s is listed in %s but is not in the package"), name, DC_AUDIT_FILES_README);
    else if (part == 2)
      g_hash_table_add (left_out, g_strndup (name, strcspn (name, ":")));
  }
  for (gsize i = 0; i < dc_audit_files_count; i++)
    if (!g_hash_table_contains (listed, dc_audit_files[i].file) && !g_hash_table_contains (left_out, dc_audit_files[i].file)
        && g_str_has_suffix (dc_audit_files[i].file, ".xlsx"))
      problem (r, _ ("%s is neither in the package nor named in %s as left out"), dc_audit_files[i].file, DC_AUDIT_FILES_README);
}

gboolean
dc_audit_verify_package (const char *dir, DcStore *store, DcAuditVerifyReport *r, GError **error)
{
  r->problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (DcManifest) m = dc_manifest_read (dir, error);
  if (!m)
    return FALSE;
  const char *format = dc_manifest_get (m, "format");
  const char *seq = dc_manifest_get (m, "history_seq");
  const char *hash = dc_manifest_get (m, "history_hash");
  if (g_strcmp0 (format, DC_AUDIT_FILES_FORMAT) != 0 || !seq || !hash) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s/%s: not the manifest of a daicho audit package "
                 "(the lines “# format: %s”, “# history_seq:” and “# history_hash:” are needed)"), dir,
                 DC_MANIFEST_NAME, DC_AUDIT_FILES_FORMAT);
    return FALSE;
  }
  r->seq = g_ascii_strtoll (seq, NULL, 10);
  r->hash = g_strdup (hash);
  r->files = m->names->len;
  GError *unreadable = NULL;  /* problems go to r->problems; an error is a file we could not read */
  if (!dc_manifest_check (m, dir, r->problems, &unreadable) && unreadable) {
    g_propagate_error (error, unreadable);
    return FALSE;
  }
  gboolean has_xml = FALSE;
  for (guint i = 0; i < m->names->len; i++)
    has_xml |= g_str_equal (g_ptr_array_index (m->names, i), DC_AUDIT_FILES_REGISTER_XML);
  g_autofree char *xml = g_build_filename (dir, DC_AUDIT_FILES_REGISTER_XML, NULL);
  gint64 xml_seq = 0;
  g_autofree char *xml_hash = NULL;
  g_autoptr (GError) invalid = NULL;
  if (!g_file_test (xml, G_FILE_TEST_IS_REGULAR)) {
    if (!has_xml)  /* when listed, the manifest check has said it is missing */
      problem (r, _ ("%s is missing from the package"), DC_AUDIT_FILES_REGISTER_XML);
  } else if (!has_xml)
    ;  /* on disk but not listed: the manifest check has said so */
  else if (!dc_register_xml_check (xml, &xml_seq, &xml_hash, &invalid))
    problem (r, "%s", invalid->message);
  else if (xml_seq != r->seq || g_strcmp0 (xml_hash, r->hash) != 0)
    problem (r, _ ("%s and %s name different history entries (%lld and %lld)"),
             DC_AUDIT_FILES_REGISTER_XML, DC_MANIFEST_NAME, (long long) xml_seq, (long long) r->seq);
  check_complete (dir, m, r);
  if (store && !verify_database (store, dir, m, r, error))
    return FALSE;
  return r->problems->len == 0;
}
