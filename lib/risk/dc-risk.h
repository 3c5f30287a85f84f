/* The risk register (seed 001 §3.3): one risk per asset and threat that
 * applies to it, rated for likelihood and vulnerability, scored with the
 * asset's effective value for the property the threat harms, and treated
 * (reduce, accept, avoid, transfer) with a control, an owner post, a due
 * date and a residual rating. `risk assess` (dc-risk-run.h) creates and
 * rescores the risks; this module reads and edits them. */
#pragma once
#include "risk/dc-protection.h"
#include "risk/dc-risk-method.h"
#include "risk/dc-threat.h"

G_BEGIN_DECLS

/* What a risk command needs from the register, loaded once. */
typedef struct {
  DcScheme *scheme;
  DcRiskMethod *method;
  DcThreatCatalogue *catalogue;
  gboolean catalogue_installed;
  GHashTable *needs;          /* asset code → DcProtection*; see dc_risk_context_needs */
  char *today;
} DcRiskContext;

DcRiskContext *dc_risk_context_new (DcStore *store, GError **error);
void           dc_risk_context_free (DcRiskContext *context);
/* The protection needs, computed on first use (a dependency cycle is an
 * error naming it). */
GHashTable    *dc_risk_context_needs (DcStore *store, DcRiskContext *context, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRiskContext, dc_risk_context_free)

/* A risk as a line of the register, as shown and exported: the same members
 * in the register's current state and in a frozen run (JSON "data"). */
typedef enum {
  DC_RISK_CODE, DC_RISK_ASSET, DC_RISK_ASSET_NAME, DC_RISK_ASSET_TYPE, DC_RISK_ASSET_TYPE_NAME,
  DC_RISK_SECTION, DC_RISK_SECTION_NAME, DC_RISK_THREAT, DC_RISK_THREAT_NAME,
  DC_RISK_PROPERTY, DC_RISK_PROPERTY_NAME,
  DC_RISK_VALUE, DC_RISK_VALUE_LABEL, DC_RISK_VALUE_NAME, DC_RISK_VALUE_FROM, DC_RISK_VALUE_OVERRIDE,
  DC_RISK_LIKELIHOOD, DC_RISK_VULNERABILITY, DC_RISK_RATED_ON, DC_RISK_CONTROLS,
  DC_RISK_POSSIBILITY, DC_RISK_RISK_VALUE, DC_RISK_LEVEL, DC_RISK_LEVEL_NAME, DC_RISK_FORMULA,
  DC_RISK_STATUS, DC_RISK_TREATMENT, DC_RISK_CONTROL, DC_RISK_OWNER_POST, DC_RISK_OWNER_POST_NAME,
  DC_RISK_DUE_ON, DC_RISK_COMPLETED_ON,
  DC_RISK_RESIDUAL_LIKELIHOOD, DC_RISK_RESIDUAL_VULNERABILITY, DC_RISK_RESIDUAL_POSSIBILITY,
  DC_RISK_RESIDUAL_VALUE, DC_RISK_RESIDUAL_LEVEL, DC_RISK_RESIDUAL_LEVEL_NAME, DC_RISK_RESIDUAL_FORMULA,
  DC_RISK_APPROVER_POST, DC_RISK_APPROVER_POST_NAME, DC_RISK_ACCEPTED_ON, DC_RISK_ACCEPT_UNTIL,
  DC_RISK_ACCEPT_REASON, DC_RISK_APPLICABLE, DC_RISK_NOT_APPLICABLE_REASON, DC_RISK_NOTE,
  DC_RISK_N_FIELDS
} DcRiskField;

typedef struct {
  char *json;                     /* the line as a JSON object */
  char *v[DC_RISK_N_FIELDS];      /* each member as text; NULL for null */
} DcRiskLine;

void        dc_risk_line_free (DcRiskLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRiskLine, dc_risk_line_free)
/* The JSON member name of FIELD ("risk_value"). */
const char *dc_risk_field_name (DcRiskField field);
int         dc_risk_line_int (const DcRiskLine *line, DcRiskField field);
/* Where the value comes from, for people: "自資産" (the asset's own), "A-0019
 * から継承" (the maximum principle), "上書き（累積効果）". */
char       *dc_risk_line_value_basis (const DcRiskLine *line);

/* Where a risk stands (derived on the day it is read):
 * closed, not_applicable, within_criteria, untreated, in_progress, overdue,
 * treated, accepted, acceptance_expired. */
const char *dc_risk_status_name (const char *status);
/* The status that TEXT names (code or Japanese name), or NULL. */
const char *dc_risk_status_code (const char *text);
/* TRUE for the statuses that need a decision: untreated, overdue,
 * acceptance_expired (an expired acceptance is due again). */
gboolean    dc_risk_status_due (const char *status);
/* reduce 低減, accept 受容, avoid 回避, transfer 移転. */
const char *dc_risk_treatment_name (const char *treatment);
const char *dc_risk_treatment_code (const char *text);

typedef struct {
  const char *asset;      /* code or name */
  const char *threat;
  const char *level;      /* code or name of a level */
  const char *status;
  gboolean due;           /* only what needs a decision */
  gboolean closed;        /* also closed risks */
} DcRiskFilter;

gboolean    dc_risk_filter_matches (const DcRiskFilter *filter, const DcRiskMethod *method,
                                    const DcRiskLine *line);

/* The register's risks, highest level and risk value first (DcRiskLine*). */
GPtrArray  *dc_risk_list (DcStore *store, const DcRiskContext *context,
                          const DcRiskFilter *filter, GError **error);

/* Lines read from SQL that yields one JSON "data" column per row, with
 * parameters bound by the caller: shared by the register and frozen runs. */
GPtrArray  *dc_risk_lines_read (DcStore *store, DcStmt *source, GError **error);

/* "A-0001/T01", "A-0001 T01" or the asset's name and the threat code: the
 * risk's code. */
char       *dc_risk_resolve (DcStore *store, const char *text, GError **error);

/* One risk's line. */
DcRiskLine *dc_risk_get (DcStore *store, const DcRiskContext *context, const char *code,
                         GError **error);

/* What `risk set` changes; NULL leaves a field as it is, "" clears it. */
typedef struct {
  const char *likelihood;
  const char *vulnerability;
  const char *controls;        /* 現状の対策 */
  const char *treatment;       /* reduce, avoid, transfer (accept: dc_risk_accept), "none" */
  const char *control;         /* 対策内容 */
  const char *owner;           /* post */
  const char *due;
  const char *done;            /* date the control was completed */
  const char *residual_likelihood;
  const char *residual_vulnerability;
  const char *note;
  const char *not_applicable;  /* a reason: the threat does not apply to this asset */
  gboolean applicable;         /* it applies again */
} DcRiskChanges;

/* One history entry ("risk"), the risk rescored with today's values. */
gboolean    dc_risk_set (DcStore *store, const char *code, const DcRiskChanges *changes,
                         GError **error);

/* Accepts (retains) a risk: an approver post, an expiry date after today and
 * within the method's acceptance_max_months, and the reason are required.
 * After the expiry the risk is due again. */
gboolean    dc_risk_accept (DcStore *store, const char *code, const char *approver,
                            const char *until, const char *reason, GError **error);

/* Inside a change: recomputes the scores of risk CODE from its ratings and
 * its asset's effective value. */
gboolean    dc_risk_rescore (DcStore *store, DcRiskContext *context, const char *code,
                             GError **error);

/* The register's lines (DcRiskLine*) under METHOD as of TODAY: all, or
 * the one risk CODE; with OPEN_ONLY only the open ones. Highest level first,
 * then highest risk value, then asset and threat. Each line's JSON is the
 * text a run freezes. NULL with DC_STORE_ERROR when reading fails. */
GPtrArray  *dc_risk_lines (DcStore *store, const DcRiskMethod *method, const char *today,
                           const char *code, gboolean open_only, GError **error);

G_END_DECLS
