/* Periodic duties (定期業務, DOMAIN.md §6): the catalogue compiled in from
 * schema/duties/, what each duty applies to in a register (the whole register,
 * each system, or each asset meeting a condition), who is responsible, and the
 * record of each completion. */
#pragma once
#include "model/dc-record.h"

G_BEGIN_DECLS

typedef enum {
  DC_DUTY_MONTHLY,       /* once in every calendar month (毎月) */
  DC_DUTY_FISCAL_YEAR,   /* once in every fiscal year (年度に1回) */
  DC_DUTY_EVERY_MONTHS   /* within N months of the last time (yearly: 12) */
} DcDutyInterval;

typedef enum {
  DC_DUTY_REGISTER,      /* one for the whole register (全庁) */
  DC_DUTY_SYSTEM,        /* one per information system */
  DC_DUTY_ASSET          /* one per asset */
} DcDutyScope;

/* One term of a condition: "a>=2", "type=hardware". */
typedef struct {
  char *field;           /* type, c, i, a, personal_info */
  char *op;              /* =, !=, >=, <= */
  char *value;
} DcDutyTerm;

typedef struct {
  char *code;            /* stable: completions refer to it */
  char *name;
  DcDutyInterval interval;
  int months;            /* DC_DUTY_EVERY_MONTHS: N; 1 for monthly, 12 for fiscal years */
  DcDutyScope scope;
  char *condition;       /* as written, "" for none */
  GPtrArray *terms;      /* DcDutyTerm* */
  char *role;            /* who, as the catalogue says it */
  int plan_month;        /* 1–12: the month a yearly plan schedules it; 0: none */
  char *recorded_by;     /* the daicho operation that records it itself, or "" */
  char *source;
} DcDuty;

/* Parses catalogue text (GKeyFile groups "[duty CODE]"); ORIGIN names it in errors. */
GPtrArray    *dc_duty_catalogue_parse (const char *text, gsize length, const char *origin,
                                       GError **error);
/* The catalogue compiled into daicho (the .ini files of schema/duties), in file order. */
const GPtrArray *dc_duty_catalogue (void);
/* The duty CODE; DC_ERROR_NOT_FOUND listing the codes when there is none. */
const DcDuty *dc_duty_lookup (const char *code, GError **error);

/* "毎月", "年度に1回", "12か月ごと", "6か月ごと". */
const char   *dc_duty_interval_text (const DcDuty *duty);
/* "全庁", "システムごと", "資産ごと". */
const char   *dc_duty_scope_text (const DcDuty *duty);

/* What a duty applies to in this register. */
typedef struct {
  const DcDuty *duty;    /* borrowed from the catalogue */
  char *system;          /* system code (DC_DUTY_SYSTEM) */
  char *asset;           /* asset code (DC_DUTY_ASSET) */
  char *name;            /* 全庁, the system's name, or "A-0001 名称" */
  char *post;            /* the responsible post's code; NULL when not set */
  char *post_name;       /* its name (補職名) */
  char *since;           /* asset targets: the date the asset was entered */
} DcDutyTarget;

void          dc_duty_target_free (DcDutyTarget *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcDutyTarget, dc_duty_target_free)

/* Every target of every duty (or only of ONLY), in catalogue order, then by
 * system or asset code. Systems and assets meeting the duty's condition only;
 * assets in use (active) only. */
GPtrArray    *dc_duty_targets (DcStore *store, const DcDuty *only, GError **error);

/* One recorded completion. */
typedef struct {
  char *code;            /* "id_stocktake/jukiki-sys/2026-05-20" */
  char *duty;
  char *system;
  char *asset;
  char *done_on;
  char *post;
  char *person;          /* employee number(s) of the post's holder(s) that day, or NULL */
  char *note;
  char *recorded_on;
} DcDutyDone;

void          dc_duty_done_free (DcDutyDone *done);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcDutyDone, dc_duty_done_free)

/* Completions oldest first, of DUTY (NULL: all) and, when given, of one
 * system or asset (codes). */
GPtrArray    *dc_duty_done_list (DcStore *store, const char *duty, const char *system,
                                 const char *asset, GError **error);

/* Records that POST (code or name) did DUTY on DATE for SYSTEM (code or
 * name; NULL for a register-wide duty). The holder of POST that day is kept
 * with it. Recording the same duty for the same target and day again updates
 * the post and note. One history entry ("duty_done"); inside a caller's
 * transaction it is a savepoint, so an ID stocktake sign-off or a review's
 * close can record its duty in the same transaction. */
gboolean      dc_duty_record_done (DcStore *store, const char *duty, const char *system,
                                   const char *date, const char *post, const char *note,
                                   GError **error);
/* The same for a duty done per asset (ASSET: code or name). */
gboolean      dc_duty_record_done_asset (DcStore *store, const char *duty, const char *asset,
                                         const char *date, const char *post, const char *note,
                                         GError **error);

/* The post responsible for register-wide DUTY (setting "duty.CODE.post"), or
 * NULL when none is set. */
char         *dc_duty_register_post (DcStore *store, const char *duty, GError **error);
/* Makes POST (code or name) responsible for register-wide DUTY. */
gboolean      dc_duty_set_register_post (DcStore *store, const char *duty, const char *post,
                                         GError **error);

G_END_DECLS
