/* The risk workbook (リスク評価.xlsx): the risk sheet, a heat map of value ×
 * 被害発生可能性 coloured by level with the criteria used, and the treatment
 * plan; A4 landscape, header row on every page, page header and footer. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

typedef struct {
  const char *organisation;    /* printed in the page header ("" for none) */
  const char *handling_mark;   /* printed on every page: a risk register is sensitive */
  const char *subtitle;        /* "第3回（2026年度）" or "現在の台帳" */
  const char *date;            /* 基準日 */
  const DcRiskMethod *method;  /* the method the lines were scored with */
  const DcScheme *scheme;      /* the heat map's columns: the scheme's values */
  GPtrArray *lines;            /* DcRiskLine*, in the register's order */
} DcRiskReport;

gboolean dc_risk_xlsx_write (const DcRiskReport *report, const char *path, GError **error);

G_END_DECLS
