#include "dc-audit-package.h"
#include "dc-i18n.h"
#include "dc-audit-xlsx.h"
#include "dc-ledger-xlsx.h"
#include "dc-output.h"
#include "dc-date.h"
#include "dc-risk-xlsx.h"

#include <errno.h>
#include <fcntl.h>
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
  return dc_risk_write_xlsx (&report, path, error);
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
  if (!dc_audit_write_xlsx (e->store, kind, &book, path, &rows, error))
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
  xmlChar *text = NULL;
  int length = 0;
  xmlDocDumpFormatMemoryEnc (doc, &text, &length, "UTF-8", 1);
  xmlFreeDoc (doc);
  gboolean ok = text && write_text (e->tmp, REGISTER_XML, (const char *) text, (gsize) length, error);
  xmlFree (text);
  return ok;
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
  return write_text (e->tmp, README_TXT, t->str, t->len, error);
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

/* Empties and removes a package directory being replaced (files only: a
 * package holds no directories). */
static gboolean
remove_dir (const char *dir, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d))) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_unlink (path);
  }
  if (g_rmdir (dir) != 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("the new package is in place, but the old one "
                 "could not be removed: %s: %s; remove it by hand"), dir, g_strerror (errno));
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

/* Moves the finished package into place; an earlier one is moved aside first
 * and removed only after the new one is in place. */
static gboolean
install (Export *e, GError **error)
{
  const char *dir = e->o->dir;
  g_autofree char *aside = NULL;
  if (g_file_test (dir, G_FILE_TEST_EXISTS)) {
    aside = g_strdup_printf ("%s.old-XXXXXX", dir);
    int fd = g_mkstemp_full (aside, O_RDWR, 0600);  /* reserve a unique name */
    if (fd < 0 || close (fd) != 0 || g_unlink (aside) != 0 || g_rename (dir, aside) != 0) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be moved aside: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  }
  if (g_rename (e->tmp, dir) != 0) {
    int saved = errno;
    if (aside)
      g_rename (aside, dir);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be put in place: %s"), dir, g_strerror (saved));
    return FALSE;
  }
  g_clear_pointer (&e->tmp, g_free);
  return !aside || remove_dir (aside, error);
}

static gboolean
check_target (const DcAuditExportOptions *o, GError **error)
{
  if (!g_file_test (o->dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (o->dir, G_FILE_TEST_IS_DIR)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s exists and is not a directory"), o->dir);
    return FALSE;
  }
  if (!o->force && !dir_is_empty (o->dir)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT, _ ("%s exists and is not empty; give another "
                 "directory, or --force to replace it"), o->dir);
    return FALSE;
  }
  return TRUE;
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
  return write_manifest (e, error) && install (e, error);
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
  if (!check_target (o, error))
    return FALSE;
  Export e = { store, o, report, { 0 }, NULL, NULL, NULL, NULL, NULL };
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
    remove_dir (e.tmp, NULL);
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

/* The database's history must hold the package's last entry, unchanged, and
 * verify as a whole. */
static gboolean
verify_database (DcStore *store, DcAuditVerifyReport *r, GError **error)
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
  if (r->seq == 0)
    return TRUE;
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, "SELECT hash, (SELECT count(*) FROM history"
                                                    " WHERE seq > ?1) FROM history WHERE seq = ?1", error);
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
    r->newer = sqlite3_column_int64 (stmt, 1);
  return TRUE;
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
  if (store && !verify_database (store, r, error))
    return FALSE;
  return r->problems->len == 0;
}
