/* The ID stocktake's comparison (ID棚卸, seed 003 IDの定期棚卸点検): a system's
 * exported accounts against its ID register and the staff roster, joined on
 * the login as the profile compares it, yielding findings of fixed kinds. */
#pragma once
#include "ids/dc-accounts.h"
#include "ids/dc-finding.h"
#include "model/dc-staff.h"
#include "store/dc-store.h"

G_BEGIN_DECLS

/* The register side of one system, loaded for comparison. */
typedef struct _DcRegisterIds DcRegisterIds;

/* Every entry (active and revoked) of SYSTEM's register, logins compared as
 * PROFILE says, approved privileges interned in NAMES. */
DcRegisterIds *dc_reconcile_register_ids_load (DcStore *store, const char *system, const DcProfile *profile,
                                     DcNames *names, GError **error);
void           dc_register_ids_free (DcRegisterIds *ids);
guint          dc_reconcile_register_ids_count (const DcRegisterIds *ids);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRegisterIds, dc_register_ids_free)

typedef struct {
  const char *as_of;        /* ISO date the stocktake looks at */
  guint dormant_days;       /* dormant: last login more than this many days before as_of */
  const char *login_part_origin; /* what asked for comparing local parts, for the run's notes
                                  * ("--login-part local"); NULL: the profile */
} DcReconcileOptions;

/* The start of the run's note when logins were compared by the part before "@"
 * (a note on how, not on what was left unchecked). */
#define DC_RECONCILE_NOTE_LOGIN_PART "ログインIDは「@」より前の部分だけで照合した"

typedef struct {
  GPtrArray *findings;      /* DcFinding*, kind order then login, seq 1.. */
  guint counts[DC_N_FINDING_KINDS];
  guint matched;            /* accounts paired with a register entry */
  GPtrArray *notes;         /* what could not be checked (char*): no privileges or last login in the export */
} DcReconcileResult;

void dc_reconcile_result_clear (DcReconcileResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcReconcileResult, dc_reconcile_result_clear)

/* Compares. NAMES must be the one both sides were interned in. */
void dc_reconcile (const DcRegisterIds *ids, const DcAccounts *accounts, DcStaffRoster *roster,
                   DcNames *names, const DcReconcileOptions *options, DcReconcileResult *result);

G_END_DECLS
