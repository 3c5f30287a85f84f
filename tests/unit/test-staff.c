/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-staff: keys of employee numbers and names, the roster in memory, who
 * has departed, and the roster import (fixtures/id/roster.xlsx). */
#include "testlib.h"

static void
test_keys (void)
{
  const char *numbers[][2] = { { "001876", "1876" }, { "１８７６", "1876" }, { " 1876 ", "1876" },
                               { "000", "0" }, { "A-012", "a-012" }, { "", "" } };
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++) {
    g_autofree char *key = dc_staff_number_key (numbers[i][0]);
    CU_ASSERT_STRING_EQUAL (key, numbers[i][1]);
  }
  g_autofree char *a = dc_staff_name_key ("佐藤　雅之");
  g_autofree char *b = dc_staff_name_key (" 佐藤 雅之");
  g_autofree char *c = dc_staff_name_key ("佐藤雅之");
  CU_ASSERT_STRING_EQUAL (a, b);
  CU_ASSERT_STRING_EQUAL (a, c);
}

static void
test_departures_by_date (void)
{
  DcStaffMember retired = { .status = "retired", .status_date = "2026-03-31" };
  DcStaffMember moved = { .status = "transferred", .status_date = "2026-04-01" };
  DcStaffMember seconded = { .status = "seconded" };
  DcStaffMember leave = { .status = "on_leave", .status_date = "2025-01-01" };
  CU_ASSERT_FALSE (dc_staff_member_departed (&retired, "2026-03-31"));   /* the last day of service */
  CU_ASSERT_TRUE (dc_staff_member_departed (&retired, "2026-04-01"));
  CU_ASSERT_FALSE (dc_staff_member_departed (&moved, "2026-03-31"));
  CU_ASSERT_TRUE (dc_staff_member_departed (&moved, "2026-04-01"));     /* effective that day */
  CU_ASSERT_TRUE (dc_staff_member_departed (&seconded, "2000-01-01"));   /* no date: long past */
  CU_ASSERT_FALSE (dc_staff_member_departed (&leave, "2026-11-22"));     /* on leave is not gone */
}

static void
test_roster_finds_people_and_post_holders (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_person_kind, &error, "employee_no", "000103", "name", "住宅 一郎", NULL));
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", "2026-04-01", &error));
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000102", "2026-04-01", NULL, &error));
  g_autoptr (DcStaffRoster) roster = dc_staff_roster_load (store, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (dc_staff_roster_size (roster), 3);
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_by_number (roster, "101")->employee_no, "000101");
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_by_number (roster, "000101")->employee_no, "000101");
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_find (roster, "住宅二郎")->employee_no, "000102");
  CU_ASSERT_PTR_NULL (dc_staff_roster_find (roster, "住宅　一郎"));   /* two persons have that name */
  CU_ASSERT_PTR_NULL (dc_staff_roster_find (roster, ""));
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_identify (roster, "住宅課長", "2025-06-01")->employee_no, "000101");
  /* 0000102 and 000102: exactly written, each is found; 102 is ambiguous. */
  CU_ASSERT_TRUE (test_add (store, &dc_person_kind, &error, "employee_no", "0000102", "name", "別人", NULL));
  g_autoptr (DcStaffRoster) twice = dc_staff_roster_load (store, &error);
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_by_number (twice, "0000102")->name, "別人");
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_by_number (twice, "000102")->name, "住宅 二郎");
  CU_ASSERT_PTR_NULL (dc_staff_roster_by_number (twice, "102"));
  CU_ASSERT_STRING_EQUAL (dc_staff_roster_identify (roster, "kacho", "2026-04-01")->employee_no, "000102");
  CU_ASSERT_PTR_NULL (dc_staff_roster_identify (roster, "住宅課長", "2024-06-01"));
  CU_ASSERT_PTR_NULL (dc_staff_roster_identify (roster, "管理係長", "2026-06-01"));   /* vacant */
  /* Does a text name this one person? Numbers, names however spaced, posts. */
  const DcStaffMember *jiro = dc_staff_roster_by_number (roster, "000102");
  CU_ASSERT_TRUE (dc_staff_roster_names (roster, "102", "2026-06-01", jiro));
  CU_ASSERT_TRUE (dc_staff_roster_names (roster, "住宅　二郎", "2026-06-01", jiro));
  CU_ASSERT_TRUE (dc_staff_roster_names (roster, "住宅課長", "2026-06-01", jiro));
  CU_ASSERT_FALSE (dc_staff_roster_names (roster, "住宅課長", "2025-06-01", jiro));
  CU_ASSERT_FALSE (dc_staff_roster_names (roster, "住宅 一郎", "2026-06-01", jiro));
  CU_ASSERT_FALSE (dc_staff_roster_names (roster, "", "2026-06-01", jiro));
  test_rmdir (dir);
}

/* The city's sections and the persons of fixtures/org, through the library. */
static DcStore *
city_people (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  g_autoptr (GError) error = NULL;
  g_autofree char *sections = test_fixture ("org", "sections.tsv");
  g_autofree char *persons = test_fixture ("org", "persons.tsv");
  const char *files[] = { sections, persons };
  for (gsize f = 0; f < 2; f++) {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (files[f], &text, NULL, NULL));
    g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
    for (guint i = 1; lines[i] && *lines[i]; i++) {
      g_auto (GStrv) c = g_strsplit (lines[i], "\t", -1);
      gboolean ok = f == 0
        ? test_add (store, &dc_section_kind, &error, "code", c[0], "name", c[1], "parent", *c[2] ? c[2] : NULL, NULL)
        : test_add (store, &dc_person_kind, &error, "employee_no", c[0], "name", c[1], "section", c[2],
                    "employment", c[3], "status", c[4], "status_date", *c[5] ? c[5] : NULL, NULL);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  }
  return store;
}

static void
test_import_the_roster (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = city_people (dir);
  g_autofree char *path = test_fixture ("id", "roster.xlsx");
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  DcStaffImportOptions options = { { 0 }, FALSE, "2026-11-01", FALSE };
  g_auto (DcStaffImportReport) report;
  CU_ASSERT_TRUE (dc_staff_import (store, path, &options, &report, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (report.added, 2);
  CU_ASSERT_EQUAL (report.updated, 1);
  CU_ASSERT_EQUAL (report.unchanged, 39);
  CU_ASSERT_EQUAL (report.header_row, 4);
  CU_ASSERT_EQUAL (report.notes->len, 1);
  CU_ASSERT_TRUE (strstr (report.notes->pdata[0], "roster.xlsx, sheet 名簿, row 45, column A (職員番号): 30001") != NULL);
  CU_ASSERT_EQUAL (report.absent->len, 0);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 3);
  g_autoptr (DcRecord) moved = dc_record_get_one (store, &dc_person_kind, "015890", &error);
  CU_ASSERT_STRING_EQUAL (dc_record_get (moved, "status"), "transferred");
  CU_ASSERT_STRING_EQUAL (dc_record_get (moved, "status_date"), "2026-10-01");
  g_autoptr (DcRecord) added = dc_record_get_one (store, &dc_person_kind, "030001", &error);
  CU_ASSERT_STRING_EQUAL (dc_record_get (added, "section"), "jutaku");
  CU_ASSERT_STRING_EQUAL (dc_record_get (added, "employment"), "part_time");
  test_rmdir (dir);
}

static void
test_a_dry_run_and_absent_persons (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = city_people (dir);
  g_autofree char *path = g_build_filename (dir, "r.csv", NULL);
  g_assert_true (g_file_set_contents (path, "職員番号,氏名\n001876,佐藤　雅之\n050000,新人\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  DcStaffImportOptions dry = { { 0 }, TRUE, "2026-12-01", TRUE };
  g_auto (DcStaffImportReport) would;
  CU_ASSERT_TRUE (dc_staff_import (store, path, &dry, &would, &error));
  CU_ASSERT_EQUAL (would.added, 1);
  CU_ASSERT_EQUAL (would.retired, 34);   /* every present person but 001876 */
  CU_ASSERT_EQUAL (test_count (store, "history"), history);
  CU_ASSERT_EQUAL (test_count (store, "person"), 40);
  test_rmdir (dir);
}

TEST_MAIN ("staff",
           { "employee number and name keys", test_keys },
           { "who has departed by a date", test_departures_by_date },
           { "the roster finds people and who held a post", test_roster_finds_people_and_post_holders },
           { "importing the city's roster", test_import_the_roster },
           { "a dry run changes nothing; absent persons retire", test_a_dry_run_and_absent_persons })
