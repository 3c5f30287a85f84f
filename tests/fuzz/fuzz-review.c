/* The review-workbook import (`daicho review import --dry-run`) against one
 * register built at the first input: sections 住宅課 and 土木課 under 建設部,
 * four assets in 住宅課 and one in 土木課, the review of 2026 open. An input
 * starting with "PK" is the workbook file itself; any other is the XML parts
 * of its sheet 見直し (see xlsx-parts.h). Each import is a dry run, rolled
 * back, so every input meets the same register; tests/fuzz/review-seeds.sh
 * writes the seeds with daicho from the same register. Set
 * DAICHO_FUZZ_VERBOSE to see what each input did. */
#include "xlsx-parts.h"
#include "daicho.h"
#include <glib/gstdio.h>
#include <stdlib.h>

static char *register_dir;

static void
remove_register (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", register_dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", register_dir);
}

/* Adds a record of KIND from "field", "value", ... NULL, or aborts. */
static void
add (DcStore *store, const DcRecordKind *kind, ...)
{
  g_autoptr (DcRecord) record = dc_record_new (kind);
  va_list args;
  va_start (args, kind);
  const char *name;
  while ((name = va_arg (args, const char *)))
    dc_record_set (record, name, va_arg (args, const char *), NULL);
  va_end (args);
  g_autoptr (GError) error = NULL;
  if (!(kind == &dc_asset_kind ? dc_asset_add (store, record, &error) : dc_record_add (store, record, &error)))
    g_error ("fuzz-review: setting up the register: %s", error->message);
}

static DcStore *
open_register (void)
{
  g_autoptr (GError) error = NULL;
  register_dir = g_dir_make_tmp ("daicho-fuzz-review-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_register);
  g_autofree char *path = g_build_filename (register_dir, "register.db", NULL);
  DcStore *store = dc_store_open (path, DC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dc_store_set_actor (store, "fuzz");
  g_autoptr (DcScheme) scheme = dc_scheme_load ("chitose", &error);
  g_assert_no_error (error);
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);
  if (!dc_register_init (store, scheme, "テスト市", &error))
    g_error ("fuzz-review: %s", error->message);
  add (store, &dc_section_kind, "code", "kensetsu", "name", "建設部", NULL);
  add (store, &dc_section_kind, "code", "jutaku", "name", "住宅課", "parent", "kensetsu", NULL);
  add (store, &dc_section_kind, "code", "doboku", "name", "土木課", "parent", "kensetsu", NULL);
  add (store, &dc_post_kind, "code", "kacho", "name", "住宅課長", "section", "jutaku", NULL);
  add (store, &dc_post_kind, "code", "doboku-kacho", "name", "土木課長", "section", "doboku", NULL);
  add (store, &dc_asset_kind, "type", "data", "name", "入居者台帳", "c", "3", "i", "2", "a", "1",
       "section", "jutaku", "post", "kacho", NULL);
  add (store, &dc_asset_kind, "type", "document", "name", "家賃減免申請書", "c", "3", "i", "2", "a", "1",
       "section", "jutaku", "post", "kacho", NULL);
  add (store, &dc_asset_kind, "type", "hardware", "name", "旧サーバ", "c", "2", "i", "2", "a", "2",
       "section", "jutaku", "post", "kacho", NULL);
  add (store, &dc_asset_kind, "type", "hardware", "name", "USBメモリ", "c", "2", "i", "1", "a", "1",
       "section", "jutaku", "post", "kacho", NULL);
  add (store, &dc_asset_kind, "type", "data", "name", "道路台帳", "c", "1", "i", "2", "a", "2",
       "section", "doboku", "post", "doboku-kacho", NULL);
  if (!dc_review_open (store, 2026, "2027-01-31", NULL, &error))
    g_error ("fuzz-review: %s", error->message);
  g_setenv ("DAICHO_TODAY", "2026-12-05", TRUE);  /* the chiefs send their workbooks back */
  return store;
}

/* The register's history head, which no dry run may move. */
static gint64
history_head (DcStore *store)
{
  gint64 head = 0;
  g_autofree char *hash = dc_history_head (store, &head, NULL);
  g_assert (hash);
  return head;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static DcStore *store;
  static gint64 head;
  if (!store) {
    store = open_register ();
    head = history_head (store);
  }
  fuzz_init ();  /* after the set-up, whose failures are to be seen */
  int fd;
  char *path = size >= 2 && data[0] == 'P' && data[1] == 'K'
                   ? fuzz_memfile (data, size, &fd)
                   : fuzz_xlsx_from_parts (data, size, FUZZ_WORKBOOK (DC_REVIEW_SHEET), &fd);
  if (!path)
    return 0;
  DcReviewImportOptions options = { .dry_run = TRUE, .partial = size % 2 == 1 };
  DcReviewImportReport report;
  GError *error = NULL;
  gboolean ok = dc_review_import (store, path, &options, &report, &error);
  g_assert (ok == (error == NULL));
  g_assert (ok || error->message);
  for (guint i = 0; i < report.problems->len; i++)
    g_assert (g_utf8_validate (report.problems->pdata[i], -1, NULL));
  if (g_getenv ("DAICHO_FUZZ_VERBOSE")) {
    g_printerr ("fuzz-review: %s: %u rows, %u problems%s%s\n", ok ? "applied" : "refused", report.rows->len,
                report.problems->len, error ? ": " : "", error ? error->message : "");
    for (guint i = 0; i < report.problems->len; i++)
      g_printerr ("  %s\n", (char *) report.problems->pdata[i]);
  }
  g_clear_error (&error);
  dc_review_import_report_clear (&report);
  g_assert (history_head (store) == head);
  close (fd);
  g_free (path);
  return 0;
}
