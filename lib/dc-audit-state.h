/* The register as its history recorded it, for the auditor's package: the
 * last snapshot of every entity up to a cutoff, narrowed by the package's
 * filters, in a TEMP table audit_state(entity, key, json, seq). */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *section;  /* code or name; that section and those below it; NULL: all */
  const char *system;   /* code or name; NULL: all */
  int fiscal_year;      /* 0: all years */
} DcAuditFilter;

typedef struct {
  char *cutoff;     /* UTC history time the state stops at; NULL: now */
  gint64 seq;       /* the last history entry taken into account (0: none) */
  char *hash;       /* its hash (the genesis hash when none) */
  gint64 entities;  /* rows of audit_state after filtering */
} DcAuditState;

void dc_audit_state_clear (DcAuditState *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcAuditState, dc_audit_state_clear)

/* Fills TEMP audit_state with, per entity, the snapshot recorded by its last
 * history entry at or before the end of AS_OF (NULL: all history), leaving
 * out entities removed by then and those FILTER excludes (see docs/design.md).
 * A section or system the filter names must exist then (DC_ERROR_NOT_FOUND). */
gboolean dc_audit_state_load (DcStore *store, const char *as_of, const DcAuditFilter *filter,
                              DcAuditState *state, GError **error);

/* The same, with only the history entries up to UPTO (-1: all): the state a
 * package whose last entry is UPTO was made from (audit verify DIR --db). */
gboolean dc_audit_state_load_upto (DcStore *store, const char *as_of, gint64 upto, const DcAuditFilter *filter,
                                   DcAuditState *state, GError **error);

G_END_DECLS
