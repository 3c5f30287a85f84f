/* What an ID stocktake finds: kinds with stable names (used in --json, the
 * report and the database), and one finding. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* In the order reports list them. */
typedef enum {
  DC_FINDING_UNREGISTERED,        /* in the system, not in the register */
  DC_FINDING_EXTERNAL_GUEST,      /* an external guest (#EXT#, userType Guest) the register does not list */
  DC_FINDING_NOT_IN_SYSTEM,       /* active in the register, absent from the export */
  DC_FINDING_LOGIN_SPELLING,      /* an unpaired login in each, differing only in case or width
                                   * (a profile that tells them apart) */
  DC_FINDING_REVOKED_IN_SYSTEM,   /* revoked in the register, still enabled in the system */
  DC_FINDING_HOLDER_DEPARTED,     /* holder retired, transferred or seconded; ID enabled */
  DC_FINDING_HOLDER_UNKNOWN,      /* holder not in the roster */
  DC_FINDING_EXCESS_PRIVILEGE,    /* the system grants privileges that were not approved */
  DC_FINDING_DORMANT,             /* no login for N days, or never */
  DC_FINDING_DISABLED_IN_SYSTEM,  /* active in the register, disabled in the system */
  DC_FINDING_EXPIRED_APPROVAL,    /* valid-until passed, still enabled */
  DC_FINDING_SHARED_UNAPPROVED,   /* a shared ID without reason, users or approver */
  DC_FINDING_SOD_VIOLATION,       /* applicant = approver, or approver = registrar */
  DC_FINDING_KEY_COLLISION,       /* two logins read the same; not merged */
  DC_N_FINDING_KINDS
} DcFindingKind;

/* "unregistered", ... */
const char *dc_finding_kind_name (DcFindingKind kind);
/* "未登録ID", ... */
const char *dc_finding_kind_ja (DcFindingKind kind);
/* What it means and what is usually done, in Japanese (the report's summary). */
const char *dc_finding_kind_explanation (DcFindingKind kind);
gboolean    dc_finding_kind_parse (const char *name, DcFindingKind *kind);

typedef struct {
  guint seq;              /* 1, 2, ... within its run (0 until stored) */
  DcFindingKind kind;
  char *login_key;        /* the login as compared */
  char *raw_login_id;     /* as the system writes it, or the register when the system lacks it */
  char *holder;           /* employee number, or NULL */
  char *holder_name;      /* "" when unknown */
  char *detail;           /* what exactly, in Japanese */
} DcFinding;

DcFinding *dc_finding_new (DcFindingKind kind, const char *login_key, const char *raw_login_id,
                           const char *holder, const char *holder_name, char *detail /* taken */);
void       dc_finding_free (DcFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcFinding, dc_finding_free)

/* How a finding's detail names a person: "NAME (EMPLOYEE_NO)". A
 * sod_violation's detail ends with the person it is about, which
 * dc_finding_ends_with_person finds again (the sign-off's check). */
char      *dc_finding_person_text (const char *name, const char *employee_no);
gboolean   dc_finding_ends_with_person (const DcFinding *finding, const char *employee_no);

/* Kind order, then login. */
gint       dc_finding_compare (gconstpointer a, gconstpointer b);

G_END_DECLS
