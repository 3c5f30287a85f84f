/* The annual review (年次見直し) by section chiefs: a campaign per fiscal
 * year with one item per asset in use, grouped by the section that answers
 * for it; its progress per section; and its close, which records the
 * register-wide review duties. The workbook a section fills in is laid out
 * by the column table below, shared by the writer (reports/dc-review-xlsx)
 * and the import (dc-review-import). */
#pragma once
#include "model/dc-record.h"

G_BEGIN_DECLS

typedef struct {
  int fiscal_year;
  char *opened_on;
  char *due_on;        /* 提出期限 */
  char *status;        /* open, closed */
  char *closed_on;
  char *closed_by;     /* post code */
  char *note;
} DcReviewCampaign;

void              dc_review_campaign_free (DcReviewCampaign *campaign);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcReviewCampaign, dc_review_campaign_free)

/* The campaign of FISCAL_YEAR (DC_ERROR_NOT_FOUND when none was opened). */
DcReviewCampaign *dc_review_campaign_get (DcStore *store, int fiscal_year, GError **error);
/* Campaigns, newest first. */
GPtrArray        *dc_review_campaigns (DcStore *store, GError **error);
/* The fiscal year of the one open campaign, for commands given no --fy; 0
 * with an error saying which years are open (or that none is). */
int               dc_review_current_year (DcStore *store, GError **error);

/* Opens the review of FISCAL_YEAR (due DUE, default 31 March of that year):
 * the campaign and one pending item per asset in use, in its section, in one
 * transaction. On an open campaign it adds items for assets entered since
 * and, with DUE, moves the deadline; a closed one is DC_ERROR_CONFLICT.
 * *ADDED (may be NULL) is the number of items created. */
gboolean          dc_review_open (DcStore *store, int fiscal_year, const char *due, guint *added,
                                  GError **error);

/* An answer to an item: its state, who answered, when, the remark, and the
 * returned workbook (a review_return code) it came in. */
typedef struct {
  const char *state;
  const char *reviewer;
  const char *reviewed_on;
  const char *comment;
  const char *return_code;
  const char *new_row;      /* the key of the workbook row a new asset came from, or NULL */
} DcReviewAnswer;

/* Records ANSWER (NULL: a pending item) on ASSET's item in the review of
 * FISCAL_YEAR, creating the item in the asset's section when it has none:
 * one history entry with ACTION ("open", "review"). */
gboolean          dc_review_answer (DcStore *store, int fiscal_year, const char *asset,
                                    const DcReviewAnswer *answer, const char *action, GError **error);

/* Item states, as stored, and their Japanese names. */
#define DC_REVIEW_N_STATES 6
extern const char *const dc_review_states[DC_REVIEW_N_STATES];     /* pending, unchanged, ... */
extern const char *const dc_review_state_names[DC_REVIEW_N_STATES]; /* 未回答, 変更なし, ... */
const char       *dc_review_state_name (const char *state);

typedef struct {
  char *code;          /* "2026/A-0001" */
  char *asset;
  char *section;       /* the section answering for it */
  char *state;
  char *reviewer;
  char *reviewed_on;
  char *comment;
  char *return_code;   /* the workbook that answered it */
  char *asset_status;  /* active, retired, disposed */
  char *asset_section;
  gint64 asset_version;
} DcReviewItem;

void              dc_review_item_free (DcReviewItem *item);

/* The items of FISCAL_YEAR (of SECTION only when given: a code), by asset code. */
GPtrArray        *dc_review_items (DcStore *store, int fiscal_year, const char *section,
                                   GError **error);

/* Progress of one section. */
typedef struct {
  char *section;
  char *section_name;
  guint counts[DC_REVIEW_N_STATES];   /* by state, in dc_review_states order */
  guint items;
  guint returns;                      /* workbooks applied */
  char *last_return_on;
  char *last_reviewer;
} DcReviewSectionStatus;

void              dc_review_section_status_free (DcReviewSectionStatus *status);

/* Per section (sections with items, by code); with UNDER (a section's code or
 * name), only that section and the sections below it. */
GPtrArray        *dc_review_status (DcStore *store, int fiscal_year, const char *under, GError **error);

/* Ends the campaign on DATE (default today) and records the register-wide
 * duties asset_review and classification_review as done by POST (default:
 * the post named for asset_review with `daicho duty post`). With items still
 * unanswered it is refused (DC_ERROR_CONFLICT naming the sections) unless FORCE. */
gboolean          dc_review_close (DcStore *store, int fiscal_year, const char *date, const char *post,
                                   gboolean force, const char *note, GError **error);

/* ---- the workbook a section fills in ---- */

typedef enum {
  DC_REVIEW_COL_KEY,        /* hidden: "A-0001@3" (code and version), "new:TOKEN:N" for a new asset */
  DC_REVIEW_COL_CURRENT,    /* locked: the register's value of FIELD */
  DC_REVIEW_COL_STATE,      /* locked: this campaign's answer so far */
  DC_REVIEW_COL_DECISION,   /* 判定 */
  DC_REVIEW_COL_REVIEWER,   /* 確認者 */
  DC_REVIEW_COL_DATE,       /* 確認日 */
  DC_REVIEW_COL_COMMENT,    /* 見直しコメント */
  DC_REVIEW_COL_NEW,        /* a corrected value of FIELD (修正), or a new asset's */
  DC_REVIEW_COL_TRANSFER,   /* 移管先（所管課） */
  DC_REVIEW_COL_DISPOSAL    /* 廃棄日, 廃棄方法, 廃棄証明: FIELD */
} DcReviewColumnRole;

typedef struct {
  const char *name;         /* unique: "key", "decision", "now:c", "new:c", ... */
  const char *header;       /* as written in the workbook */
  DcReviewColumnRole role;
  const char *field;        /* the asset field, for CURRENT, NEW and DISPOSAL */
  guint width;              /* in characters */
} DcReviewColumn;

const DcReviewColumn *dc_review_columns (guint *n_columns);
/* The index of column NAME (-1 when none). */
int               dc_review_column_index (const char *name);

#define DC_REVIEW_SHEET "見直し"
/* The hidden key of a row for a new asset: "new:TOKEN:N", TOKEN unique to the
 * workbook written, N the row's number among the new rows. A second return of
 * the same row is refused. Plain "new" is a workbook written before new rows
 * had their own key. */
#define DC_REVIEW_KEY_NEW "new"
#define DC_REVIEW_KEY_NEW_PREFIX "new:"
/* The first cell of the sheet, hidden: "daicho-review 1 FY SECTION". */
#define DC_REVIEW_MARK "daicho-review"
#define DC_REVIEW_LAYOUT 1
/* Labels of the sign-off cells above the table (the value is to the right). */
#define DC_REVIEW_SIGNOFF_NAME "見直し実施者（所属長）"
#define DC_REVIEW_SIGNOFF_DATE "実施日"

/* 判定: the decisions a row can carry, and the item state each leads to. */
#define DC_REVIEW_N_DECISIONS 4
extern const char *const dc_review_decisions[DC_REVIEW_N_DECISIONS];       /* 変更なし, 修正, 廃棄, 移管 */
extern const char *const dc_review_decision_states[DC_REVIEW_N_DECISIONS]; /* unchanged, changed, ... */

G_END_DECLS
