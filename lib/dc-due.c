#include "duty/dc-due.h"
#include "base/dc-date.h"
#include "base/dc-date.h"

#include <stdio.h>
#include <string.h>

char *
dc_due_next (const DcDuty *duty, const char *last, const char *since)
{
  if (!last && !since)
    return NULL;
  switch (duty->interval) {
  case DC_DUTY_MONTHLY: {
    if (!last)
      return dc_date_month_end (since);
    /* From the first of the month, so that 31 January gives February. */
    g_autofree char *first = g_strdup_printf ("%.8s01", last);
    g_autofree char *next_month = dc_date_add_months (first, 1);
    return dc_date_month_end (next_month);
  }
  case DC_DUTY_FISCAL_YEAR:
    return dc_date_fiscal_year_end (dc_date_fiscal_year (last ? last : since) + (last ? 1 : 0));
  case DC_DUTY_EVERY_MONTHS:
    return dc_date_add_months (last ? last : since, duty->months);
  }
  g_assert_not_reached ();
}

void
dc_due_item_free (DcDueItem *item)
{
  if (!item)
    return;
  dc_duty_target_free (item->target);
  g_free (item->last_done);
  g_free (item->last_post);
  g_free (item->next_due);
  g_free (item);
}

static char *
target_key (const char *duty, const char *system, const char *asset)
{
  return g_strjoin ("\x1f", duty, system ? system : "", asset ? asset : "", NULL);
}

/* Completions by target key: GPtrArray of DcDutyDone* (borrowed), oldest first. */
static GHashTable *
group_completions (GPtrArray *done)
{
  GHashTable *by_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < done->len; i++) {
    DcDutyDone *d = g_ptr_array_index (done, i);
    char *key = target_key (d->duty, d->system, d->asset);
    GPtrArray *list = g_hash_table_lookup (by_target, key);
    if (!list) {
      list = g_ptr_array_new ();
      g_hash_table_insert (by_target, key, list);
    } else {
      g_free (key);
    }
    g_ptr_array_add (list, d);
  }
  return by_target;
}

static GPtrArray *
completions_of (GHashTable *by_target, const DcDutyTarget *target)
{
  g_autofree char *key = target_key (target->duty->code, target->system, target->asset);
  return g_hash_table_lookup (by_target, key);
}

static DcDueItem *
judge (DcDutyTarget *target, GPtrArray *done, const char *as_of, int within_days)
{
  DcDueItem *item = g_new0 (DcDueItem, 1);
  item->target = target;
  for (guint i = 0; done && i < done->len; i++) {
    DcDutyDone *d = g_ptr_array_index (done, i);
    if (strcmp (d->done_on, as_of) > 0)
      break;
    g_free (item->last_done);
    g_free (item->last_post);
    item->last_done = g_strdup (d->done_on);
    item->last_post = g_strdup (d->post);
  }
  item->next_due = dc_due_next (target->duty, item->last_done, target->since);
  if (!item->next_due) {
    item->state = DC_DUE_OVERDUE;
    return item;
  }
  item->days = dc_date_days_between (as_of, item->next_due);
  item->state = item->days < 0 ? DC_DUE_OVERDUE : item->days <= within_days ? DC_DUE_SOON : DC_DUE_OK;
  return item;
}

static gint
compare_items (gconstpointer a, gconstpointer b)
{
  const DcDueItem *x = *(DcDueItem *const *) a, *y = *(DcDueItem *const *) b;
  /* Overdue, then due soon, then the rest; never-recorded first; earliest deadline first. */
  int rank_x = x->state == DC_DUE_OVERDUE ? 0 : x->state == DC_DUE_SOON ? 1 : 2;
  int rank_y = y->state == DC_DUE_OVERDUE ? 0 : y->state == DC_DUE_SOON ? 1 : 2;
  if (rank_x != rank_y)
    return rank_x - rank_y;
  if ((x->next_due == NULL) != (y->next_due == NULL))
    return x->next_due ? 1 : -1;
  return g_strcmp0 (x->next_due, y->next_due);
}

/* Every target judged as of AS_OF; BY_TARGET (out, may be NULL) gets the
 * completions grouped by target, which the caller frees together with DONE. */
static GPtrArray *
judge_all (DcStore *store, const char *as_of, int within_days, GPtrArray **done_out,
           GHashTable **by_target_out, GError **error)
{
  g_autoptr (GPtrArray) targets = dc_duty_targets (store, NULL, error);
  g_autoptr (GPtrArray) done = targets ? dc_duty_done_list (store, NULL, NULL, NULL, error) : NULL;
  if (!done)
    return NULL;
  g_autoptr (GHashTable) by_target = group_completions (done);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_due_item_free);
  for (guint i = 0; i < targets->len; i++) {
    DcDutyTarget *target = g_ptr_array_index (targets, i);
    g_ptr_array_add (items, judge (target, completions_of (by_target, target), as_of, within_days));
  }
  /* The items own the targets now. */
  g_ptr_array_set_free_func (targets, NULL);
  if (done_out)
    *done_out = g_steal_pointer (&done);
  if (by_target_out)
    *by_target_out = g_steal_pointer (&by_target);
  return items;
}

GPtrArray *
dc_due_list (DcStore *store, const char *as_of, int within_days, GError **error)
{
  GPtrArray *items = judge_all (store, as_of, within_days, NULL, NULL, error);
  if (items)
    g_ptr_array_sort (items, compare_items);
  return items;
}

/* ---- the plan of a fiscal year ---- */

void
dc_plan_row_free (DcPlanRow *row)
{
  if (!row)
    return;
  dc_due_item_free (row->item);
  for (int m = 0; m < 12; m++)
    g_free (row->notes[m]);
  g_free (row);
}

static int
mark_weight (DcPlanMark mark)
{
  static const int weight[] = { [DC_PLAN_NONE] = 0, [DC_PLAN_PLANNED] = 1, [DC_PLAN_DUE] = 2,
                                [DC_PLAN_MISSED] = 3, [DC_PLAN_DONE] = 4 };
  return weight[mark];
}

static void
raise_mark (DcPlanRow *row, int index, DcPlanMark kind)
{
  if (mark_weight (kind) > mark_weight (row->marks[index]))
    row->marks[index] = kind;
}

/* Marks the month of AT with KIND (the stronger mark wins) and adds PREFIX
 * and WHAT's day ("期限 3/31") to its notes. */
static void
mark_note (DcPlanRow *row, const char *at, DcPlanMark kind, const char *prefix, const char *what)
{
  int index = dc_date_fiscal_month_index (at);
  int month = 0, day = 0, year = 0;
  if (index < 0 || sscanf (what, "%d-%d-%d", &year, &month, &day) != 3)
    return;
  raise_mark (row, index, kind);
  g_autofree char *note = g_strdup_printf ("%s%d/%d", prefix, month, day);
  char *joined = row->notes[index] ? g_strconcat (row->notes[index], "、", note, NULL) : g_strdup (note);
  g_free (row->notes[index]);
  row->notes[index] = joined;
}

static void
mark (DcPlanRow *row, const char *date, DcPlanMark kind, const char *prefix)
{
  mark_note (row, date, kind, prefix, date);
}

typedef struct {
  int fiscal_year;
  const char *start, *end, *today;
} PlanYear;

static gboolean
within (const PlanYear *y, const char *date)
{
  return date && strcmp (date, y->start) >= 0 && strcmp (date, y->end) <= 0;
}

static void
plan_monthly (DcPlanRow *row, GPtrArray *done, const PlanYear *y)
{
  const char *since = row->item->target->since;
  for (int m = 0; m < 12; m++) {
    g_autofree char *first = dc_date_fiscal_month_start (y->fiscal_year, m);
    g_autofree char *last = dc_date_month_end (first);
    if (since && strcmp (last, since) < 0)
      continue;  /* before the asset was entered */
    row->marks[m] = strcmp (last, y->today) < 0 ? DC_PLAN_MISSED : DC_PLAN_PLANNED;
  }
  for (guint i = 0; done && i < done->len; i++) {
    DcDutyDone *d = g_ptr_array_index (done, i);
    if (within (y, d->done_on))
      mark (row, d->done_on, DC_PLAN_DONE, "");
  }
}

static void
plan_fiscal (DcPlanRow *row, GPtrArray *done, const PlanYear *y)
{
  const char *since = row->item->target->since;
  if (since && strcmp (since, y->end) > 0)
    return;
  gboolean done_this_year = FALSE;
  for (guint i = 0; done && i < done->len; i++) {
    DcDutyDone *d = g_ptr_array_index (done, i);
    if (within (y, d->done_on)) {
      mark (row, d->done_on, DC_PLAN_DONE, "");
      done_this_year = TRUE;
    }
  }
  if (done_this_year)
    return;
  if (row->item->target->duty->plan_month) {
    raise_mark (row, (row->item->target->duty->plan_month + 8) % 12, DC_PLAN_PLANNED);
  }
  mark (row, y->end, strcmp (y->end, y->today) < 0 ? DC_PLAN_MISSED : DC_PLAN_DUE, "期限 ");
}

static void
plan_every (DcPlanRow *row, GPtrArray *done, const PlanYear *y)
{
  const DcDuty *duty = row->item->target->duty;
  g_autofree char *cursor = NULL;  /* the last completion so far */
  for (guint i = 0; done && i < done->len; i++) {
    DcDutyDone *d = g_ptr_array_index (done, i);
    if (strcmp (d->done_on, y->start) < 0) {
      g_free (cursor);
      cursor = g_strdup (d->done_on);
      continue;
    }
    if (!within (y, d->done_on))
      break;
    g_autofree char *due = dc_due_next (duty, cursor, row->item->target->since);
    if (within (y, due) && strcmp (due, d->done_on) < 0)
      mark (row, due, DC_PLAN_MISSED, "期限 ");
    mark (row, d->done_on, DC_PLAN_DONE, "");
    g_free (cursor);
    cursor = g_strdup (d->done_on);
  }
  g_autofree char *due = dc_due_next (duty, cursor, row->item->target->since);
  if (!due) {
    /* Never recorded: to be done now (or from the year's start). */
    const char *from = strcmp (y->today, y->start) > 0 ? y->today : y->start;
    if (within (y, from))
      mark (row, from, DC_PLAN_DUE, "記録なし ");
    return;
  }
  /* A deadline missed before the year began shows in its first month. */
  if (strcmp (due, y->start) < 0 && strcmp (y->today, y->start) >= 0)
    mark_note (row, y->start, DC_PLAN_MISSED, "期限 ", due);
  /* The next deadlines in the year, each assumed met on the day. */
  for (gboolean first = TRUE; strcmp (due, y->end) <= 0; first = FALSE) {
    if (strcmp (due, y->start) >= 0)
      mark (row, due, !first ? DC_PLAN_PLANNED : strcmp (due, y->today) < 0 ? DC_PLAN_MISSED : DC_PLAN_DUE,
            "期限 ");
    char *next = dc_due_next (duty, due, NULL);
    g_free (due);
    due = next;
  }
}

GPtrArray *
dc_due_plan (DcStore *store, int fiscal_year, const char *today, GError **error)
{
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (GHashTable) by_target = NULL;
  g_autoptr (GPtrArray) items = judge_all (store, today, 0, &done, &by_target, error);
  if (!items)
    return NULL;
  g_autofree char *start = dc_date_fiscal_year_start (fiscal_year);
  g_autofree char *end = dc_date_fiscal_year_end (fiscal_year);
  PlanYear year = { fiscal_year, start, end, today };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_plan_row_free);
  for (guint i = 0; i < items->len; i++) {
    DcPlanRow *row = g_new0 (DcPlanRow, 1);
    row->item = g_ptr_array_index (items, i);
    GPtrArray *list = completions_of (by_target, row->item->target);
    switch (row->item->target->duty->interval) {
    case DC_DUTY_MONTHLY:
      plan_monthly (row, list, &year);
      break;
    case DC_DUTY_FISCAL_YEAR:
      plan_fiscal (row, list, &year);
      break;
    case DC_DUTY_EVERY_MONTHS:
      plan_every (row, list, &year);
      break;
    }
    g_ptr_array_add (rows, row);
  }
  g_ptr_array_set_free_func (items, NULL);  /* the rows own the items */
  return rows;
}
