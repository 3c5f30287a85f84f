/* When periodic duties are due: the next deadline of each duty and target
 * from its last recorded completion, what is overdue or due soon on a date,
 * and a fiscal year's plan month by month (年間計画).
 *
 * The rules (docs/design.md "Periodic duties"):
 * - monthly: done in a calendar month, due again by the end of the next month;
 * - fiscal_year: done in fiscal year F, due again by 31 March of F + 1;
 * - every N months (yearly = 12): due N months after the last time, a month
 *   end kept in range (31 August + 6 months = 28/29 February).
 * With no completion recorded, an asset's duty counts from the day the
 * asset was entered; any other duty is overdue: no record means not done. */
#pragma once
#include "duty/dc-duty.h"

G_BEGIN_DECLS

/* The deadline after LAST (the latest completion, or NULL) for a target that
 * started on SINCE (or NULL); NULL when neither is known (overdue now). */
char       *dc_due_next (const DcDuty *duty, const char *last, const char *since);

typedef enum {
  DC_DUE_OK,             /* done, and not due within the window */
  DC_DUE_SOON,           /* due within the window */
  DC_DUE_OVERDUE         /* past its deadline, or never recorded */
} DcDueState;

typedef struct {
  DcDutyTarget *target;
  char *last_done;       /* NULL: never recorded */
  char *last_post;       /* the post that did it then */
  char *next_due;        /* NULL: never recorded (overdue) */
  DcDueState state;
  int days;              /* next_due − as-of: negative when overdue; 0 when never */
} DcDueItem;

void        dc_due_item_free (DcDueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcDueItem, dc_due_item_free)

/* Every target of every duty as of AS_OF, with completions up to that day;
 * SOON when due within WITHIN_DAYS. Overdue first, then by deadline. */
GPtrArray  *dc_due_list (DcStore *store, const char *as_of, int within_days, GError **error);

/* One row of a fiscal year's plan: what each month (0 = April … 11 = March)
 * holds for one target. */
typedef enum {
  DC_PLAN_NONE,
  DC_PLAN_PLANNED,       /* the month the catalogue plans it, or every month */
  DC_PLAN_DUE,           /* its deadline falls in that month */
  DC_PLAN_DONE,          /* done that month */
  DC_PLAN_MISSED         /* a deadline passed in that month without it being done */
} DcPlanMark;

typedef struct {
  DcDueItem *item;       /* the state as of TODAY */
  DcPlanMark marks[12];
  char *notes[12];       /* "5/20" (done), "期限 3/31" (deadline), or NULL */
} DcPlanRow;

void        dc_plan_row_free (DcPlanRow *row);

/* The plan of FISCAL_YEAR for every target, judged as of TODAY. */
GPtrArray  *dc_due_plan (DcStore *store, int fiscal_year, const char *today, GError **error);

G_END_DECLS
