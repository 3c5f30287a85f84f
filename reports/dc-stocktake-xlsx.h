/* The ID stocktake report (ID棚卸 照合結果報告書) a manager signs: a summary
 * with the export's name and hash, the counts by kind and the sign-off block
 * (確認者 / 承認者), and the findings with their decisions. Printed on A4. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

gboolean dc_stocktake_xlsx_write (DcStore *store, gint64 run, const char *path, GError **error);

G_END_DECLS
