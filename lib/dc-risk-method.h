/* How a register turns ratings into risk values and levels (seed 001 §3.3):
 * the IPA method, value × likelihood × vulnerability, or a matrix of named,
 * coloured levels. Written as the [risk ...] groups of a scheme file. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef enum { DC_RISK_IPA, DC_RISK_PRODUCT, DC_RISK_MATRIX } DcRiskMethodKind;

/* Scales are small: ratings 1..DC_RISK_MAX_SCALE. */
#define DC_RISK_MAX_SCALE 10

typedef struct {
  char *code;         /* "high": what the register stores */
  char *name;         /* "高" */
  char *name_en;
  guint32 color;      /* fill, 0xRRGGBB */
  int max;            /* ipa, product: the highest risk value of the level
                       * (G_MAXINT for the top level); matrix: unused */
  char *description;  /* what the office does at this level */
} DcRiskLevel;

typedef struct {
  int value;          /* an asset value of the scheme */
  guint *levels;      /* level index for 被害発生可能性 1 .. possibility_max */
} DcRiskMatrixRow;

typedef struct {
  DcRiskMethodKind kind;
  char *title;
  GPtrArray *likelihood;     /* char*: what rating 1, 2, ... means */
  GPtrArray *vulnerability;
  int *possibility;          /* ipa, matrix: [(l - 1) * n_vulnerability + v - 1] */
  int possibility_max;       /* product: likelihood max × vulnerability max */
  GPtrArray *levels;         /* DcRiskLevel*, lowest first */
  guint accept;              /* the highest level within the acceptance criteria */
  int acceptance_max_months; /* how long an acceptance may run (0: no limit) */
  GArray *matrix;            /* matrix: DcRiskMatrixRow */
} DcRiskMethod;

void          dc_risk_method_free (DcRiskMethod *method);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRiskMethod, dc_risk_method_free)

const char   *dc_risk_method_kind_name (DcRiskMethodKind kind);

/* Reads the [risk ...] groups of FILE (ORIGIN names it in errors). VALUES are
 * the scheme's level values, which a matrix must cover (NULL: not checked,
 * for a method read back from a run). */
DcRiskMethod *dc_risk_method_parse (GKeyFile *file, const char *origin, const int *values,
                                    guint n_values, GError **error);
DcRiskMethod *dc_risk_method_parse_text (const char *text, gsize length, const char *origin,
                                         const int *values, guint n_values, GError **error);
/* TRUE when FILE has any [risk ...] group. */
gboolean      dc_risk_method_present (GKeyFile *file);

/* The IPA method as the ipa preset defines it. */
DcRiskMethod *dc_risk_method_default (void);

/* The method as canonical [risk ...] groups: what registers and runs store. */
char         *dc_risk_method_to_text (const DcRiskMethod *method);

/* A rating's score. */
typedef struct {
  int value;
  int likelihood;
  int vulnerability;
  int possibility;    /* 被害発生可能性 */
  int risk_value;
  guint level;        /* index into method->levels */
  char *formula;      /* "3 × 2 = 6" */
} DcRiskScore;

void          dc_risk_score_clear (DcRiskScore *score);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcRiskScore, dc_risk_score_clear)

/* Scores VALUE (the asset's value for the harmed property) with LIKELIHOOD
 * and VULNERABILITY, which must be on the method's scales. */
gboolean      dc_risk_method_score (const DcRiskMethod *method, int value, int likelihood,
                                    int vulnerability, DcRiskScore *score, GError **error);

/* The level of a risk of VALUE and 被害発生可能性 POSSIBILITY (heat map cells). */
const DcRiskLevel *dc_risk_method_level_at (const DcRiskMethod *method, int value,
                                            int possibility);
/* The level with code or name TEXT (index in *INDEX), or NULL. */
const DcRiskLevel *dc_risk_method_find_level (const DcRiskMethod *method, const char *text,
                                              guint *index);
/* The risk values of level L for people: "1〜3", "6 以上", or "表による" for a matrix. */
char         *dc_risk_method_band (const DcRiskMethod *method, guint l);
/* Every value 被害発生可能性 can take, ascending. */
GArray       *dc_risk_method_possibilities (const DcRiskMethod *method);

/* The register's method: set with dc_risk_method_set, else the [risk]
 * section of its scheme, else the IPA method. */
DcRiskMethod *dc_risk_method_from_store (DcStore *store, GError **error);
/* True when the register's method was set after init (risk_method row). */
gboolean      dc_risk_method_is_set (DcStore *store, GError **error);

/* Sets the register's method from a scheme preset name or a file holding
 * [risk ...] groups, checked against the register's scheme; one history
 * entry ("risk_method"). Runs already made keep the method they used. */
gboolean      dc_risk_method_set (DcStore *store, const char *name_or_path, GError **error);

G_END_DECLS
