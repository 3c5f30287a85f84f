#define _GNU_SOURCE  /* renameat2 */
#include "dc-audit-package.h"
#include "base/dc-i18n.h"
#include "dc-audit-xlsx.h"
#include "dc-ledger-xlsx.h"
#include "dc-output.h"
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

#define REGISTER_XML "register.xml"
#define README_TXT "説明.txt"

void
dc_audit_export_report_clear (DcAuditExportReport *r)
{
  g_clear_pointer (&r->files, g_ptr_array_unref);
  g_clear_pointer (&r->left_out, g_ptr_array_unref);
  g_clear_pointer (&r->hash, g_free);
}

void
dc_audit_verify_report_clear (DcAuditVerifyReport *r)
{
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_clear_pointer (&r->hash, g_free);
}

/* What each file is, for 説明.txt. */
static const struct { const char *file, *text; } explained[] = {
  { "情報資産台帳.xlsx", "情報資産台帳。全体、所管課ごとのシート、集計。" },
  { "リスク評価.xlsx", "リスク評価。リスク評価表（リスク値の高い順、算定式つき）、ヒートマップ、リスク対応計画。" },
  { "ID管理簿.xlsx", "ID管理簿。システムごとに1シート、登録されている全ID（利用者ID・特権ID・共有ID、申請者・承認者・登録者）。" },
  { "ID棚卸結果.xlsx", "ID棚卸の結果。実施一覧（各回の照合、エクスポートファイルのSHA-256、確認者・承認者）と検出事項（各検出事項と判断）。" },
  { "見直し記録.xlsx", "年次見直しの記録。年度ごとの実施状況、資産ごとの見直し結果、回収した見直し票（ファイル名とSHA-256）。" },
  { "変更履歴.xlsx", "変更履歴。台帳へのすべての変更（日時・実施者・操作・対象・変更内容・ハッシュ）。" },
  { REGISTER_XML, "台帳全体（機械可読）。スキーマ " DC_REGISTER_XSD_NAME " に従い、出力前に検証済み。" },
  { DC_REGISTER_XSD_NAME, "register.xml のスキーマ（XML Schema）。各要素の意味を記載。"
                          "xmllint --schema " DC_REGISTER_XSD_NAME " register.xml で検証できる。" },
  { README_TXT, "このファイル。" },
};

static const char *
explanation (const char *file)
{
  for (gsize i = 0; i < G_N_ELEMENTS (explained); i++)
    if (g_str_equal (explained[i].file, file))
      return explained[i].text;
  return "";
}

static gboolean
write_text (const char *dir, const char *name, const char *text, gsize length, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  DcOutput *out = dc_output_begin (path, TRUE, error);
  if (!out)
    return FALSE;
  if (fwrite (text, 1, length, out->file) != length) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written: %s"), path, g_strerror (errno));
    dc_output_abort (out);
    return FALSE;
  }
  return dc_output_commit (out, error);
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (
      e->store, "SELECT EXISTS (SELECT 1 FROM audit_state WHERE entity = ?1)", error);
  if (!stmt)
    return FALSE;
  dc_bind_text (stmt, 1, kind);
  if (dc_store_step (e->store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *any = sqlite3_column_int (stmt, 0) != 0;
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
  g_autoptr (sqlite3_stmt) kept = dc_store_prepare (e->store,
    "SELECT 1 FROM audit_state WHERE entity = 'risk' AND key = ?1", error);
  if (!kept)
    return FALSE;
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++) {
    DcRiskLine *line = g_ptr_array_index (all, i);
    sqlite3_reset (kept);
    dc_bind_text (kept, 1, line->v[DC_RISK_CODE]);
    if (sqlite3_step (kept) == SQLITE_ROW)
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
  return text && write_text (e->tmp, REGISTER_XML, text, length, error);
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
    g_string_append_printf (t, "・%s\n  %s\n", file, explanation (file));
  }
  g_string_append_printf (t, "・%s\n  %s\n", README_TXT, explanation (README_TXT));
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
  return escaped ? write_text (e->tmp, README_TXT, escaped, strlen (escaped), error)
                 : write_text (e->tmp, README_TXT, t->str, t->len, error);
}

static gboolean
write_manifest (Export *e, GError **error)
{
  g_autoptr (DcManifest) m = dc_manifest_new ();
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->state.seq);
  g_autofree char *fy = e->o->filter.fiscal_year ? g_strdup_printf ("%d", e->o->filter.fiscal_year) : NULL;
  dc_manifest_set (m, "format", DC_AUDIT_PACKAGE_FORMAT);
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store,
    "SELECT json_object('manifest_sha256', ?1, 'format', ?2, 'exported_at', ?3, 'as_of', ?4,"
    " 'history_seq', ?5, 'history_hash', ?6, 'filter_fy', ?7, 'filter_section', ?8, 'filter_system', ?9,"
    " 'files', ?10)", error);
  gboolean ok = stmt != NULL;
  if (ok) {
    const char *texts[] = { sha256, DC_AUDIT_PACKAGE_FORMAT, e->exported_at, e->o->as_of ? e->date : NULL };
    for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
      dc_bind_text (stmt, (int) i + 1, texts[i]);
    sqlite3_bind_int64 (stmt, 5, e->state.seq);
    dc_bind_text (stmt, 6, e->state.hash);
    if (e->o->filter.fiscal_year)
      sqlite3_bind_int (stmt, 7, e->o->filter.fiscal_year);
    dc_bind_text (stmt, 8, e->o->filter.section);
    dc_bind_text (stmt, 9, e->o->filter.system);
    sqlite3_bind_int (stmt, 10, (int) e->report->files->len + 1);
    ok = dc_store_step (store, stmt, error) == SQLITE_ROW
         && dc_history_append (store, "export", DC_AUDIT_PACKAGE_ENTITY, sha256,
                               NULL, (const char *) sqlite3_column_text (stmt, 0), error)
         && dc_store_commit (store, error);
  }
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
  for (gsize i = 0; i < G_N_ELEMENTS (explained); i++) {
    g_autofree char *path = g_build_filename (e->tmp, explained[i].file, NULL);
    if (!g_str_equal (explained[i].file, REGISTER_XML) && !g_str_equal (explained[i].file, DC_REGISTER_XSD_NAME)
        && !g_str_equal (explained[i].file, README_TXT) && g_file_test (path, G_FILE_TEST_EXISTS))
      g_ptr_array_add (e->report->files, g_strdup (explained[i].file));
  }
  if (!write_register_xml (e, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (REGISTER_XML));
  /* The schema travels with the document, so an auditor can validate it without daicho. */
  gsize xsd_length = 0;
  const char *xsd = dc_register_xsd (&xsd_length);
  if (!write_text (e->tmp, DC_REGISTER_XSD_NAME, xsd, xsd_length, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (DC_REGISTER_XSD_NAME));
  if (!write_readme (e, error))
    return FALSE;
  g_ptr_array_add (e->report->files, g_strdup (README_TXT));
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, "SELECT 1 FROM history WHERE entity = ?1"
                                                    " AND entity_key = ?2 AND action = 'export'", error);
  if (!stmt)
    return FALSE;
  dc_bind_text (stmt, 1, DC_AUDIT_PACKAGE_ENTITY);
  dc_bind_text (stmt, 2, *sha256);
  int rc = dc_store_step (store, stmt, error);
  if (rc == SQLITE_DONE)
    problem (r, _ ("database: %s is not the manifest daicho recorded when it made a package (no export "
                   "with SHA-256 %s in the history): the package was changed and its manifest rewritten, "
                   "or it was made from another register"), DC_MANIFEST_NAME, *sha256);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* register.xml rebuilt from the history up to the package's last entry, with
 * the package's as-of, filters and time, compared byte for byte. */
static gboolean
check_register_xml (DcStore *store, const char *dir, const DcManifest *m, DcAuditVerifyReport *r,
                    GError **error)
{
  g_autofree char *path = g_build_filename (dir, REGISTER_XML, NULL);
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
    problem (r, _ ("database: %s cannot be rebuilt from the history (%s)"), REGISTER_XML, local->message);
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
  problem (r, _ ("database: %s is not the one its history gives for entry %lld: %s"), REGISTER_XML,
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
    if (entry->seq <= r->seq || (g_str_equal (entry->entity, DC_AUDIT_PACKAGE_ENTITY)
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, "SELECT hash FROM history WHERE seq = ?1", error);
  if (!stmt)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->seq);
  int rc = dc_store_step (store, stmt, error);
  if (rc == SQLITE_DONE)
    problem (r, _ ("database: its history has no entry %lld (the package's last): not the database the "
                   "package was made from, or its history was cut"), (long long) r->seq);
  else if (rc != SQLITE_ROW)
    return FALSE;
  else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), r->hash) != 0)
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
  static const char *const required[] = { REGISTER_XML, DC_REGISTER_XSD_NAME, README_TXT };
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (listed, required[i]) && !g_str_equal (required[i], REGISTER_XML))
      problem (r, _ ("%s is missing from the package (every package holds it)"), required[i]);
  g_autofree char *path = g_build_filename (dir, README_TXT, NULL);
  g_autofree char *text = NULL;
  if (!g_hash_table_contains (listed, README_TXT) || !g_file_get_contents (path, &text, NULL, NULL))
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
      problem (r, _ ("%s is listed in %s but is not in the package"), name, README_TXT);
    else if (part == 2)
      g_hash_table_add (left_out, g_strndup (name, strcspn (name, ":")));
  }
  for (gsize i = 0; i < G_N_ELEMENTS (explained); i++)
    if (!g_hash_table_contains (listed, explained[i].file) && !g_hash_table_contains (left_out, explained[i].file)
        && g_str_has_suffix (explained[i].file, ".xlsx"))
      problem (r, _ ("%s is neither in the package nor named in %s as left out"), explained[i].file, README_TXT);
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
  if (g_strcmp0 (format, DC_AUDIT_PACKAGE_FORMAT) != 0 || !seq || !hash) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s/%s: not the manifest of a daicho audit package "
                 "(the lines “# format: %s”, “# history_seq:” and “# history_hash:” are needed)"), dir,
                 DC_MANIFEST_NAME, DC_AUDIT_PACKAGE_FORMAT);
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
    has_xml |= g_str_equal (g_ptr_array_index (m->names, i), REGISTER_XML);
  g_autofree char *xml = g_build_filename (dir, REGISTER_XML, NULL);
  gint64 xml_seq = 0;
  g_autofree char *xml_hash = NULL;
  g_autoptr (GError) invalid = NULL;
  if (!g_file_test (xml, G_FILE_TEST_IS_REGULAR)) {
    if (!has_xml)  /* when listed, the manifest check has said it is missing */
      problem (r, _ ("%s is missing from the package"), REGISTER_XML);
  } else if (!has_xml)
    ;  /* on disk but not listed: the manifest check has said so */
  else if (!dc_register_xml_check (xml, &xml_seq, &xml_hash, &invalid))
    problem (r, "%s", invalid->message);
  else if (xml_seq != r->seq || g_strcmp0 (xml_hash, r->hash) != 0)
    problem (r, _ ("%s and %s name different history entries (%lld and %lld)"),
             REGISTER_XML, DC_MANIFEST_NAME, (long long) xml_seq, (long long) r->seq);
  check_complete (dir, m, r);
  if (store && !verify_database (store, dir, m, r, error))
    return FALSE;
  return r->problems->len == 0;
}
