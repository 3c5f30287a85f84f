/* Assessment runs: `risk assess` brings the risk register up to date (a risk
 * for every asset and applicable threat, scored with today's effective
 * values) and freezes the result with the parameters it used: the scheme,
 * the method, the catalogue's name, version and digest. A later run — next
 * fiscal year, with another catalogue or method — never rewrites it. */
#pragma once
#include "risk/dc-risk.h"

G_BEGIN_DECLS

typedef struct {
  gint64 number;
  char *run_on;
  int fiscal_year;
  char *scope;              /* "" for the whole register, else an asset code */
  char *actor;
  char *note;
  char *scheme;
  char *method;             /* ipa, product, matrix */
  char *method_definition;  /* the method as used (dc_risk_method_to_text) */
  char *catalogue;
  char *catalogue_version;
  char *catalogue_sha256;
  char *counts;             /* JSON: level code → risks (applicable ones) */
  GHashTable *level_counts; /* the same: level code → GUINT_TO_POINTER (risks) */
  gint64 items;
} DcRiskRun;

void       dc_risk_run_free (DcRiskRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRiskRun, dc_risk_run_free)

typedef struct {
  const char *asset;   /* one asset (code or name); NULL: the whole register */
  const char *note;
} DcRiskAssessOptions;

typedef struct {
  gint64 run;          /* the new run's number */
  guint added;         /* risks created */
  guint changed;       /* risks whose score or catalogue data changed */
  guint closed;        /* risks closed (asset disposed, threat no longer applies) */
  gboolean catalogue_installed;  /* the default catalogue was copied in now */
  GPtrArray *warnings; /* char*: asset types no threat of the catalogue applies to */
} DcRiskRunAssessReport;

void       dc_risk_run_assess_report_clear (DcRiskRunAssessReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcRiskRunAssessReport, dc_risk_run_assess_report_clear)

/* One transaction: the catalogue installed if the register had none, each
 * risk created or rescored (one history entry each, when it changed), risks
 * that no longer apply closed, and the run recorded (one entry whose
 * snapshot carries a digest of the run's lines). */
gboolean   dc_risk_run_assess (DcStore *store, const DcRiskAssessOptions *options,
                           DcRiskRunAssessReport *report, GError **error);

/* Runs, oldest first (DcRiskRun*). */
GPtrArray *dc_risk_runs (DcStore *store, GError **error);
DcRiskRun *dc_risk_run_get (DcStore *store, gint64 number, GError **error);
/* The run's lines as frozen (DcRiskLine*), in the register's order then. */
GPtrArray *dc_risk_run_lines (DcStore *store, gint64 number, GError **error);
/* The method the run used. */
DcRiskMethod *dc_risk_run_method (const DcRiskRun *run, GError **error);

G_END_DECLS
