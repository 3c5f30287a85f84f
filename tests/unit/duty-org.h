/* The register the duty suites share: test_small_org, a system administered
 * by kacho (held by 000101 from 2026-04-01), a server entered on 2025-06-01
 * (availability 2: it needs yearly maintenance) and a terminal (availability 1). */
#pragma once
#include "testlib.h"

static inline DcStore *
duty_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_system_kind, &error, "code", "jutaku-sys", "name",
                                  "住宅管理システム", "admin_post", "kacho", "section", "jutaku", NULL));
  CU_ASSERT_TRUE_FATAL (dc_post_assign (store, "kacho", "000101", "2026-04-01", NULL, &error));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", "H-0001", "type", "hardware",
                                  "name", "住宅管理サーバ", "c", "3", "i", "3", "a", "2", "section",
                                  "jutaku", "post", "kakaricho", "system", "jutaku-sys",
                                  "created_on", "2025-06-01", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", "H-0002", "type", "hardware",
                                  "name", "窓口端末", "c", "2", "i", "2", "a", "1", "section",
                                  "jutaku", "post", "kakaricho", "system", "jutaku-sys", NULL));
  g_assert_no_error (error);
  return store;
}
