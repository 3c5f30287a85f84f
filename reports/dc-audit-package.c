#define _GNU_SOURCE  /* renameat2 */
#include "dc-audit-package.h"
#include "base/dc-json.h"
#include "audit/dc-audit-files.h"
#include "base/dc-i18n.h"
#include "dc-audit-xlsx.h"
#include "dc-ledger-xlsx.h"
#include "base/dc-atomic.h"
#include "base/dc-date.h"
#include "dc-risk-xlsx.h"
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

/* The package's history entity (DC_AUDIT_FILES_ENTITY) as a word people read. */
static const char *const package_entity_word G_GNUC_UNUSED = NC_ ("entity", "audit_package");


void
dc_audit_export_report_clear (DcAuditExportReport *r)
{
  g_clear_pointer (&r->files, g_ptr_array_unref);
  g_clear_pointer (&r->left_out, g_ptr_array_unref);
  g_clear_pointer (&r->hash, g_free);
}

static gboolean
write_text (const char *dir, const char *name, const char *text, gsize length, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  DcAtomic *out = dc_atomic_begin (path, TRUE, error);
  if (!out)
    return FALSE;
  if (fwrite (text, 1, length, out->file) != length) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written: %s"), path, g_strerror (errno));
    dc_atomic_abort (out);
    return FALSE;
  }
  return dc_atomic_commit (out, error);
}

typedef struct {
  DcStore *store;
  const DcAuditExportOptions *o;
  DcAuditExportReport *report;
  DcAuditState state;
  char *tmp;            /* the temporary directory */
  char *date;           /* 基準日 */
  char *exported_at;
  DcScheme *scheme;
  char *organisation;
  GPtrArray *replaced;  /* the files of the package being replaced (--force), or NULL */
} Export;

static void
left_out (Export *e, const char *file, const char *why)
{
  g_ptr_array_add (e->report->left_out, g_strdup_printf ("%s: %s", file, why));
}

/* Whether the audit state holds an entity of KIND (a database error is an error, not "none"). */
static gboolean
holds (Export *e, const char *kind, gboolean *any, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      e->store, "SELECT EXISTS (SELECT 1 FROM audit_state WHERE entity = ?1)", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, kind);
  if (dc_store_step (e->store, stmt, error) != DC_STMT_ROW)
    return FALSE;
  *any = dc_stmt_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
write_ledger (Export *e, const char *path, GError **error)
{
  gboolean any = FALSE;
  if (!holds (e, "asset", &any, error))
    return FALSE;
  if (!any) {
    left_out (e, "情報資産台帳.xlsx", "情報資産が登録されていない（絞り込みの結果を含む）");
    return TRUE;
  }
  g_autoptr (DcLedger) ledger = dc_ledger_new (e->store, e->date, FALSE, error);
  DcLedgerFilter filter = { e->o->filter.section, NULL, e->o->filter.system };
  return ledger && dc_ledger_write_xlsx (ledger, &filter, path, error);
}

/* The register's risks of the assets the filters kept. */
static gboolean
write_risk (Export *e, const char *path, GError **error)
{
  if (e->o->as_of) {
    left_out (e, "リスク評価.xlsx", "--as-of の指定時は含めない（リスクは現在の状態のみ出力できる。過去の状態は register.xml にある）");
    return TRUE;
  }
  gboolean any = FALSE;
  if (!holds (e, "risk", &any, error))
    return FALSE;
  if (!any) {
    left_out (e, "リスク評価.xlsx", "リスク評価がまだ行われていない（daicho risk assess）");
    return TRUE;
  }
  g_autoptr (DcRiskContext) context = dc_risk_context_new (e->store, error);
  DcRiskFilter none = { 0 };
  g_autoptr (GPtrArray) all = context ? dc_risk_list (e->store, context, &none, error) : NULL;
  if (!all)
    return FALSE;
  g_autoptr (DcStmt) kept = dc_store_prepare (e->store,
    "SELECT 1 FROM audit_state WHERE entity = 'risk' AND key = ?1", error);
  if (!kept)
    return FALSE;
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++) {
    DcRiskLine *line = g_ptr_array_index (all, i);
    dc_stmt_reset (kept);
    dc_stmt_bind_text (kept, 1, line->v[DC_RISK_CODE]);
    if (dc_store_step (e->store, kept, NULL) == DC_STMT_ROW)
      g_ptr_array_add (lines, line);
  }
  DcRiskReport report = { e->organisation, e->scheme->handling_mark, "（現在の台帳）", e->date,
                          context->method, e->scheme, lines };
  return dc_risk_xlsx_write (&report, path, error);
}

static gboolean
write_book (Export *e, DcAuditBookKind kind, const char *file, const char *why_missing, GError **error)
{
  g_autofree char *path = g_build_filename (e->tmp, file, NULL);
  DcAuditBook book = { e->organisation, e->scheme->handling_mark, e->date, NULL, e->state.cutoff,
                       e->o->filter.section || e->o->filter.system };
  g_autofree char *from = NULL, *to = NULL;
  if (e->o->filter.fiscal_year) {
    /* Changes after the end of the year before, up to the end of this one. */
    g_autofree char *start = dc_date_fiscal_year_end (e->o->filter.fiscal_year - 1);
    g_autofree char *end = dc_date_fiscal_year_end (e->o->filter.fiscal_year);
    if (!(from = dc_asof_cutoff (start, error)) || !(to = dc_asof_cutoff (end, error)))
      return FALSE;
    book.history_from = from;
    if (!book.history_to || strcmp (to, book.history_to) < 0)
      book.history_to = to;
  }
  guint rows = 0;
  if (!dc_audit_xlsx_write (e->store, kind, &book, path, &rows, error))
    return FALSE;
  if (!rows)
    left_out (e, file, why_missing);
  return TRUE;
}

static gboolean
write_register_xml (Export *e, GError **error)
{
  xmlDocPtr doc = dc_register_xml_build (e->store, &e->state, e->o->as_of ? e->date : NULL, &e->o->filter,
                                         e->exported_at, error);
  if (!doc)
    return FALSE;
  gsize length = 0;
  g_autofree char *text = dc_register_xml_text (doc, &length);
  xmlFreeDoc (doc);
  return text && write_text (e->tmp, DC_AUDIT_FILES_REGISTER_XML, text, length, error);
}

static char *
filters_text (const DcAuditFilter *f)
{
  g_autoptr (GString) text = g_string_new (NULL);
  if (f->fiscal_year)
    g_string_append_printf (text, "年度=%d ", f->fiscal_year);
  if (f->section)
    g_string_append_printf (text, "所管課=%s ", f->section);
  if (f->system)
    g_string_append_printf (text, "システム=%s ", f->system);
  return text->len ? g_strchomp (g_string_free (g_steal_pointer (&text), FALSE)) : g_strdup ("なし");
}

static gboolean
write_readme (Export *e, GError **error)
{
  g_autofree char *filters = filters_text (&e->o->filter);
  g_autoptr (GString) t = g_string_new (NULL);
  g_string_append_printf (t, "監査資料（daicho %s）\n\n", DAICHO_VERSION);
  g_autofree char *exported_at = dc_date_time_local (e->exported_at);
  g_string_append_printf (t, "作成日時: %s\n基準日: %s%s\n団体: %s\n絞り込み: %s\n", exported_at, e->date,
                          e->o->as_of ? "（変更履歴から復元したこの日の終わりの状態）" : "",
                          *e->organisation ? e->organisation : "（未設定）", filters);
  g_string_append_printf (t, "変更履歴: 第%" G_GINT64_FORMAT "項まで（ハッシュ %s）\n\n", e->state.seq, e->state.hash);
  g_string_append (t, "■ 収録ファイル\n");
  for (guint i = 0; i < e->report->files->len; i++) {
    const char *file = g_ptr_array_index (e->report->files, i);
    g_string_append_printf (t, "・%s\n  %s\n", file, dc_audit_files_explanation (file));
  }
  g_string_append_printf (t, "・%s\n  %s\n", DC_AUDIT_FILES_README, dc_audit_files_explanation (DC_AUDIT_FILES_README));
  g_string_append_printf (t, "・%s\n  各ファイルのSHA-256。#で始まる行に形式、作成日時、変更履歴の最終項の番号とハッシュ、絞り込みを記載。\n",
                          DC_MANIFEST_NAME);
  if (e->report->left_out->len) {
    g_string_append (t, "\n■ 収録していないもの（データがまだない等）\n");
    for (guint i = 0; i < e->report->left_out->len; i++)
      g_string_append_printf (t, "・%s\n", (const char *) g_ptr_array_index (e->report->left_out, i));
  }
  g_string_append (t, "\n■ 確認の方法\n"
                      "・改ざん・欠落の確認: daicho audit verify このフォルダ（sha256sum -c MANIFEST.sha256 でも各ファイルを確認できる）\n"
                      "・データベースとの対応の確認: daicho audit verify このフォルダ --db 台帳ファイル\n"
                      "  （データベースの変更履歴が上記の最終項をそのハッシュのまま含み、かつ改ざんがないことを確認する）\n"
                      "\n■ 取扱い\n"
                      "情報資産の詳細はセキュリティ上非公開の情報である。取扱いに注意し、不要になった時点で確実に廃棄すること。\n");
  /* A register may hold U+FFFF from before input refused it: shown, not written raw. */
  g_autofree char *escaped = dc_text_xml_escape (t->str, DC_TEXT_ESCAPE_VISIBLE);
  return escaped ? write_text (e->tmp, DC_AUDIT_FILES_README, escaped, strlen (escaped), error)
                 : write_text (e->tmp, DC_AUDIT_FILES_README, t->str, t->len, error);
}

static gboolean
write_manifest (Export *e, GError **error)
{
  g_autoptr (DcManifest) m = dc_manifest_new ();
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->state.seq);
  g_autofree char *fy = e->o->filter.fiscal_year ? g_strdup_printf ("%d", e->o->filter.fiscal_year) : NULL;
  dc_manifest_set (m, "format", DC_AUDIT_FILES_FORMAT);
  dc_manifest_set (m, "exported_at", e->exported_at);
  dc_manifest_set (m, "as_of", e->o->as_of ? e->date : "-");
  dc_manifest_set (m, "history_seq", seq);
  dc_manifest_set (m, "history_hash", e->state.hash);
  dc_manifest_set (m, "filter_fy", fy ? fy : "-");
  dc_manifest_set (m, "filter_section", e->o->filter.section ? e->o->filter.section : "-");
  dc_manifest_set (m, "filter_system", e->o->filter.system ? e->o->filter.system : "-");
  for (guint i = 0; i < e->report->files->len; i++)
    if (!dc_manifest_add_file (m, e->tmp, g_ptr_array_index (e->report->files, i), error))
      return FALSE;
  g_autofree char *text = dc_manifest_text (m);
  return write_text (e->tmp, DC_MANIFEST_NAME, text, strlen (text), error);
}

/* The package's record in the history: the manifest's SHA-256 (the key) and
 * the cut-off it covers, as one entry of its own (entity audit_package, kept
 * in the history only), so `audit verify DIR --db` knows a manifest written
 * afterwards. With --as-of the store shows the past and is read-only: the
 * entry goes in through a connection of its own. */
static gboolean
record_package (Export *e, GError **error)
{
  g_autofree char *manifest = g_build_filename (e->tmp, DC_MANIFEST_NAME, NULL);
  g_autofree char *sha256 = dc_file_sha256 (manifest, error);
  if (!sha256)
    return FALSE;
  g_autoptr (DcStore) own = NULL;
  DcStore *store = e->store;
  if (dc_store_as_of (store)) {
    if (!(own = dc_store_open (dc_store_path (store), DC_STORE_OPEN_EXISTING, error)))
      return FALSE;
    dc_store_set_actor (own, dc_store_actor (store));
    store = own;
  }
  if (!dc_store_begin (store, error))
    return FALSE;
  g_autoptr (GString) json = g_string_new ("{");
  const char *texts[] = { sha256, DC_AUDIT_FILES_FORMAT, e->exported_at, e->o->as_of ? e->date : NULL };
  const char *text_names[] = { "manifest_sha256", "format", "exported_at", "as_of" };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_json_append_member (json, text_names[i], texts[i], FALSE);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->state.seq);
  g_autofree char *fy = e->o->filter.fiscal_year ? g_strdup_printf ("%d", e->o->filter.fiscal_year) : NULL;
  g_autofree char *files = g_strdup_printf ("%u", e->report->files->len + 1);
  dc_json_append_member (json, "history_seq", seq, TRUE);
  dc_json_append_member (json, "history_hash", e->state.hash, FALSE);
  dc_json_append_member (json, "filter_fy", fy, TRUE);
  dc_json_append_member (json, "filter_section", e->o->filter.section, FALSE);
  dc_json_append_member (json, "filter_system", e->o->filter.system, FALSE);
  dc_json_append_member (json, "files", files, TRUE);
  g_string_append_c (json, '}');
  gboolean ok = dc_history_append (store, NC_ ("action", "export"), DC_AUDIT_FILES_ENTITY, sha256,
                                   NULL, json->str, error)
                && dc_store_commit (store, error);
  if (!ok)
    dc_store_rollback (store);
  return ok;
}

/* Empties and removes the temporary directory daicho made (files only: a
 * package holds no directories). */
static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d))) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_unlink (path);
  }
  g_rmdir (dir);
}

/* Removes the package moved aside to OLD: only the files its manifest
 * listed (NAMES) and the manifest, never through a symbolic link; what
 * else is there stays, and the error says to remove it by hand. */
static gboolean
remove_old (const char *old, GPtrArray *names, GError **error)
{
  int fd = open (old, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  DIR *d = fd >= 0 ? fdopendir (fd) : NULL;
  if (!d && fd >= 0)
    close (fd);
  struct dirent *entry;
  while (d && (entry = readdir (d))) {
    gboolean listed = g_str_equal (entry->d_name, DC_MANIFEST_NAME);
    for (guint i = 0; !listed && i < names->len; i++)
      listed = g_str_equal (entry->d_name, g_ptr_array_index (names, i));
    if (listed)
      unlinkat (dirfd (d), entry->d_name, 0);
  }
  if (d)
    closedir (d);
  if (!d || g_rmdir (old) != 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("the new package is in place, but the old one "
                 "could not be removed: %s: %s; remove it by hand"), old, g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

static gboolean
dir_is_empty (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  return d && !g_dir_read_name (d);
}

/* Swaps the directory entries A and B, or moves B aside to a new name
 * beside it and A to B where the file system cannot swap. Returns where the
 * old B is now (A, or the name aside), or NULL with ERROR set and B as it
 * was. */
static char *
swap_into_place (const char *a, const char *b, GError **error)
{
#ifdef RENAME_EXCHANGE
  if (renameat2 (AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
    return g_strdup (a);
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be put in place: %s"), b, g_strerror (errno));
    return NULL;
  }
#endif
  g_autofree char *parent = g_path_get_dirname (b);
  g_autofree char *base = g_path_get_basename (b);
  /* A new empty directory reserves the name; rename replaces it. */
  g_autofree char *aside = g_strdup_printf ("%s/.%s.old-XXXXXX", parent, base);
  if (!g_mkdtemp_full (aside, 0700) || g_rename (b, aside) != 0) {
    int saved = errno;
    g_rmdir (aside);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be moved aside: %s"), b, g_strerror (saved));
    return NULL;
  }
  if (g_rename (a, b) != 0) {
    int saved = errno;
    g_rename (aside, b);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be put in place: %s"), b, g_strerror (saved));
    return NULL;
  }
  return g_steal_pointer (&aside);
}

/* Moves the finished package into place. A package being replaced is
 * swapped with the new one and removed only after the new one is in place. */
static gboolean
install (Export *e, GError **error)
{
  const char *dir = e->o->dir;
  if (!e->replaced) {
    /* An empty directory, or none: rename replaces the one, makes the other. */
    if (g_rename (e->tmp, dir) != 0) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be put in place: %s"), dir, g_strerror (errno));
      return FALSE;
    }
    g_clear_pointer (&e->tmp, g_free);
    return TRUE;
  }
  g_autofree char *old = swap_into_place (e->tmp, dir, error);
  if (!old)
    return FALSE;
  g_clear_pointer (&e->tmp, g_free);
  return remove_old (old, e->replaced, error);
}

/* With --force, DIR may hold a daicho package and nothing else: its
 * MANIFEST.sha256 and plain files it lists. Sets *NAMES to those listed. */
static gboolean
holds_package (const char *dir, GPtrArray **names, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (DcManifest) m = dc_manifest_read (dir, &local);
  if (!m) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s is not a daicho audit package (%s); --force "
                 "replaces only a package: give another directory, or empty this one yourself"), dir, local->message);
    return FALSE;
  }
  g_autoptr (GDir) d = g_dir_open (dir, 0, &local);
  if (!d) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, "%s", local->message);
    return FALSE;
  }
  const char *name;
  while ((name = g_dir_read_name (d))) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    GStatBuf st;
    gboolean listed = g_str_equal (name, DC_MANIFEST_NAME);
    for (guint i = 0; !listed && i < m->names->len; i++)
      listed = g_str_equal (name, g_ptr_array_index (m->names, i));
    if (!listed || g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode)) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s is not only a daicho audit package: it holds "
                   "%s, which its %s does not list as a file; --force replaces only a package: move that "
                   "away, or give another directory"), dir, name, DC_MANIFEST_NAME);
      return FALSE;
    }
  }
  *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < m->names->len; i++)
    g_ptr_array_add (*names, g_strdup (g_ptr_array_index (m->names, i)));
  return TRUE;
}

/* The target may be new, an empty directory, or with --force a package
 * (*REPLACED: the files it lists). Never a symbolic link: what it points to
 * is not daicho's to replace. */
static gboolean
check_target (const DcAuditExportOptions *o, GPtrArray **replaced, GError **error)
{
  GStatBuf st;
  if (g_lstat (o->dir, &st) != 0) {
    if (errno == ENOENT)
      return TRUE;
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot be read: %s"), o->dir, g_strerror (errno));
    return FALSE;
  }
  if (S_ISLNK (st.st_mode)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s is a symbolic link; daicho writes a package "
                 "only into a directory itself: give the directory the link points to, or a new name"), o->dir);
    return FALSE;
  }
  if (!S_ISDIR (st.st_mode)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s exists and is not a directory"), o->dir);
    return FALSE;
  }
  if (dir_is_empty (o->dir))
    return TRUE;
  if (!o->force) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s exists and is not empty; give another "
                 "directory, or --force to replace it"), o->dir);
    return FALSE;
  }
  return holds_package (o->dir, replaced, error);
}

static gboolean
write_all (Export *e, GError **error)
{
  static const struct { DcAuditBookKind kind; const char *file, *why; } books[] = {
    { DC_AUDIT_ID_REGISTER, "ID管理簿.xlsx", "IDが登録されていない（daicho id import）" },
    { DC_AUDIT_STOCKTAKE, "ID棚卸結果.xlsx", "ID棚卸（daicho reconcile）がまだ行われていない" },
    { DC_AUDIT_REVIEW, "見直し記録.xlsx", "年次見直し（daicho review open）がまだ行われていない" },
    { DC_AUDIT_HISTORY, "変更履歴.xlsx", "対象期間に変更がない" },
  };
  g_autofree char *ledger = g_build_filename (e->tmp, "情報資産台帳.xlsx", NULL);
  g_autofree char *risk = g_build_filename (e->tmp, "リスク評価.xlsx", NULL);
  if (!write_ledger (e, ledger, error) || !write_risk (e, risk, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (books); i++)
    if (!write_book (e, books[i].kind, books[i].file, books[i].why, error))
      return FALSE;
  /* The manifest's order: the order of 説明.txt's list. */
  for (gsize i = 0; i < dc_audit_files_count; i++) {
    g_autofree char *path = g_build_filename (e->tmp, dc_audit_files[i].file, NULL);
    if (!g_str_equal (dc_audit_files[i].file, DC_AUDIT_FILES_REGISTER_XML) && !g_str_equal (dc_audit_files[i].file, DC_REGISTER_XSD_NAME)
        && !g_str_equal (dc_audit_files[i].file, DC_AUDIT_FILES_README) && g_file_test (path, G_FILE_TEST_EXISTS))
      g_ptr_array_add (e->report->files, g_strdup (dc_audit_files[i].file));
  }
  if (!write_register_xml (e, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (DC_AUDIT_FILES_REGISTER_XML));
  /* The schema travels with the document, so an auditor can validate it without daicho. */
  gsize xsd_length = 0;
  const char *xsd = dc_register_xsd (&xsd_length);
  if (!write_text (e->tmp, DC_REGISTER_XSD_NAME, xsd, xsd_length, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (DC_REGISTER_XSD_NAME));
  if (!write_readme (e, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (DC_AUDIT_FILES_README));
  return write_manifest (e, error) && record_package (e, error) && install (e, error);
}

gboolean
dc_audit_export (DcStore *store, const DcAuditExportOptions *options, DcAuditExportReport *report,
                 GError **error)
{
  /* "監査資料/" names the directory 監査資料: the temporary one goes beside it. */
  g_autofree char *dir = g_strdup (options->dir);
  for (gsize n = strlen (dir); n > 1 && dir[n - 1] == '/'; n--)
    dir[n - 1] = '\0';
  DcAuditExportOptions normalised = *options;
  normalised.dir = dir;
  const DcAuditExportOptions *o = &normalised;
  report->files = g_ptr_array_new_with_free_func (g_free);
  report->left_out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) replaced = NULL;
  if (!check_target (o, &replaced, error))
    return FALSE;
  Export e = { store, o, report, { 0 }, NULL, NULL, NULL, NULL, NULL, replaced };
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  e.exported_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  e.date = o->as_of ? dc_date_normalise (o->as_of, "--as-of", error) : dc_date_today ();
  gboolean ok = e.date && (!o->as_of || dc_asof_rewind (store, e.date, error))
                && dc_audit_state_load (store, o->as_of ? e.date : NULL, &o->filter, &e.state, error)
                && (e.scheme = dc_scheme_from_store (store, error));
  if (ok) {
    e.organisation = dc_setting_get (store, "organisation", NULL);
    if (!e.organisation)
      e.organisation = g_strdup ("");
    g_autofree char *parent = g_path_get_dirname (o->dir);
    g_autofree char *base = g_path_get_basename (o->dir);
    e.tmp = g_strdup_printf ("%s/.%s.tmp-XXXXXX", parent, base);
    if (!g_mkdtemp_full (e.tmp, 0700)) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot create a directory beside it: %s"), o->dir,
                   g_strerror (errno));
      g_clear_pointer (&e.tmp, g_free);
      ok = FALSE;
    }
  }
  ok = ok && write_all (&e, error);
  if (ok) {
    report->seq = e.state.seq;
    report->hash = g_strdup (e.state.hash);
  }
  if (e.tmp)
    remove_dir (e.tmp);
  dc_audit_state_clear (&e.state);
  g_clear_pointer (&e.scheme, dc_scheme_free);
  g_free (e.date);
  g_free (e.exported_at);
  g_free (e.organisation);
  return ok;
}
