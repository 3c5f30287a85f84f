/* The register the review suites share. */
#pragma once
#include "testlib.h"

/* 住宅課 (jutaku) with A-0001 and A-0002, 土木課 (doboku) with A-0003, and
 * two assets no longer in use; both sections under 建設部. */
static inline DcStore *
review_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "doboku", "name", "土木課", "parent", "kensetsu", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_post_kind, &error, "code", "doboku-kacho", "name", "土木課長", "section", "doboku", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "document", "name", "家賃減免申請書",
                                  "c", "3", "i", "2", "a", "1", "section", "jutaku", "post", "kakaricho",
                                  "main_items", "氏名、所得", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "道路台帳",
                                  "c", "1", "i", "2", "a", "2", "section", "doboku", "post", "doboku-kacho", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "hardware", "name", "旧サーバ",
                                  "c", "2", "i", "2", "a", "2", "section", "jutaku", "post", "kacho", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "hardware", "name", "廃棄済USB",
                                  "c", "3", "i", "1", "a", "1", "section", "doboku", "post", "doboku-kacho", NULL));
  CU_ASSERT_TRUE_FATAL (dc_asset_retire (store, "A-0004", NULL, &error));
  CU_ASSERT_TRUE_FATAL (dc_asset_dispose (store, "A-0005", "2026-10-01", "物理破壊", "C-1", &error));
  g_assert_no_error (error);
  return store;
}
