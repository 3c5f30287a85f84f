/* The ID stocktake as a record (seed 003: 照合結果を確認し、その記録を残す):
 * each run of a reconciliation is stored with the export's name, SHA-256
 * and row count, the profile, the as-of date, the operator and its findings;
 * a decision is taken on every finding, and a post signs the run off. */
#pragma once
#include "import/dc-import-table.h"
#include "ids/dc-reconcile.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char *system;
  char *export_file;          /* the name as given */
  char *export_sha256;
  guint export_rows;          /* accounts read from the export */
  guint register_entries;     /* entries of the register compared */
  char *profile;
  char *profile_sha256;
  char *as_of;
  guint dormant_days;
  char *operator;
  char *run_at;               /* UTC */
  guint counts[DC_N_FINDING_KINDS];
  GStrv notes;                /* what the export did not allow to check */
  guint findings;
  guint decided;
  char *checked_post, *checked_person;   /* 確認者 */
  char *signoff_post, *signoff_person;   /* 承認者 */
  char *signoff_on;
} DcStocktakeRun;

void dc_stocktake_run_free (DcStocktakeRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStocktakeRun, dc_stocktake_run_free)

/* A finding of a stored run with the decision taken on it (NULLs: none yet). */
typedef struct {
  DcFinding *finding;
  char *decision;             /* fix, accept, exception */
  char *note;
  char *until;
  char *decided_by;
  char *decided_on;
} DcStocktakeFinding;

void dc_stocktake_finding_free (DcStocktakeFinding *finding);

/* "是正" for fix, ... */
const char *dc_stocktake_decision_ja (const char *decision);

typedef struct {
  const char *system;         /* code or name */
  const char *export_path;
  const char *profile;        /* a built-in profile or a profile file; NULL: generic */
  const char *as_of;          /* NULL: today */
  guint dormant_days;         /* 0: 90 */
  DcImportSource source;      /* the export's sheet or encoding */
  const char *login_part;     /* "local" or "full" instead of the profile's; NULL: the profile's */
} DcStocktakeOptions;

/* Reads the export, compares it with the register and the roster, and
 * stores the run with its findings in one transaction with one history
 * entry. Problems reading the export are listed in PROBLEMS (then FALSE,
 * nothing stored). RESULT gets the comparison's findings and notes. */
DcStocktakeRun   *dc_stocktake_run (DcStore *store, const DcStocktakeOptions *options,
                           DcReconcileResult *result, GPtrArray *problems, GError **error);

DcStocktakeRun   *dc_stocktake_get (DcStore *store, gint64 run, GError **error);
/* Runs, newest first (SYSTEM NULL: every system). */
GPtrArray *dc_stocktake_list (DcStore *store, const char *system, GError **error);
/* The run's findings with their decisions, in order; KIND (NULL: all) and
 * UNDECIDED narrow them. */
GPtrArray *dc_stocktake_findings (DcStore *store, gint64 run, const char *kind, gboolean undecided,
                            GError **error);

typedef struct {
  const char *selection;      /* "5", "3,7-9", "all" */
  const char *kind;           /* only findings of this kind; NULL: any */
  gboolean open_only;         /* only findings without a decision yet */
  const char *decision;       /* fix, accept, exception; or 是正, 容認, 例外 */
  const char *note;           /* required */
  const char *until;          /* required for an exception */
} DcStocktakeDecision;

/* Records DECISION on the findings of RUN it selects, each one history
 * entry; a signed-off run is not changed (DC_ERROR_CONFLICT). *DECIDED: how many.
 * *WARNING (when not NULL; free it): set when the one note went to findings of
 * more than one kind, NULL otherwise. */
gboolean dc_stocktake_decide (DcStore *store, gint64 run, const DcStocktakeDecision *decision, guint *decided,
                        char **warning, GError **error);

/* POST (its holder on DATE, today when NULL) signs RUN off, with CHECKED_POST
 * as 確認者 when given. Refused while a finding has no decision, and when the
 * approver or the checker is the person a sod_violation finding of the run
 * names (DC_ERROR_CONFLICT). In the same
 * transaction the system's duty id_stocktake is recorded as done that day. */
gboolean dc_stocktake_signoff (DcStore *store, gint64 run, const char *post, const char *checked_post,
                         const char *date, GError **error);

G_END_DECLS
