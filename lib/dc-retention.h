/* How long the records daicho keeps must be kept (DOMAIN.md §7, seed 003),
 * and which are past that on a date. Nothing is ever deleted here: the list
 * is for the person who decides to dispose of records. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  char *kind;        /* entity: asset, reconcile_run, review_campaign, duty_done, risk_run */
  char *key;         /* its key */
  char *record;      /* what the record is, in Japanese (廃棄記録（個人情報）) */
  char *basis_date;  /* the date the period counts from (disposal, the run's date, ...) */
  char *rule;        /* the retention rule, in Japanese, with its source */
  char *kept_until;  /* the last day it must be kept */
} DcExpiring;

void dc_expiring_free (DcExpiring *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcExpiring, dc_expiring_free)

/* The records whose retention period ended before DATE (DcExpiring*), by
 * kind and key. */
GPtrArray *dc_retention_expiring (DcStore *store, const char *date, GError **error);

G_END_DECLS
