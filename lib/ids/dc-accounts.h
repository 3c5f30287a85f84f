/* The accounts a system exports (its ID list), read through a profile: each
 * login as exported and as compared, enabled or not, its privileges and its
 * last login. Built for a million rows: strings live in one chunk and
 * privilege names are interned. */
#pragma once
#include "import/dc-import-table.h"
#include "ids/dc-profile.h"

G_BEGIN_DECLS

/* Last-login day numbers that are not days. */
#define DC_LOGIN_UNKNOWN G_MININT32        /* the export does not say */
#define DC_LOGIN_NEVER   (G_MININT32 + 1)  /* never logged in */

/* Privilege names in the form they are compared in (a DN's CN when the
 * profile says so, NFKC, case folded, trimmed), each stored once: equal
 * names are equal pointers. The first spelling met is kept for display.
 * Threads may intern at the same time. */
typedef struct _DcNames DcNames;

DcNames    *dc_names_new (gboolean dn_cn);
void        dc_names_free (DcNames *names);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcNames, dc_names_free)
/* The interned key of RAW ("" for a blank name). */
const char *dc_names_intern (DcNames *names, const char *raw);
/* How KEY was first written. */
const char *dc_names_display (DcNames *names, const char *key);

typedef struct {
  const char *raw;            /* the login as exported, spaces and all */
  const char *key;            /* as compared (the profile's match flags) */
  const char *display_name;   /* NULL when the export has none */
  guint32 row;                /* row (table), line (passwd, LDIF entry) */
  guint32 first_privilege;    /* into DcAccounts.privileges */
  guint32 n_privileges;
  gboolean enabled;
  gboolean guest;             /* an external guest: #EXT# in the login, or the profile's guest column says so */
  const char *guest_home;     /* the guest's own address (taro@example.com) when its login says it, or NULL */
  gboolean optional;          /* the OS's own (passwd uid 1-999): reported only when registered */
  gint32 last_login;          /* day number, DC_LOGIN_NEVER or DC_LOGIN_UNKNOWN */
} DcAccount;

typedef struct {
  GArray *accounts;           /* DcAccount, in export order */
  GPtrArray *privileges;      /* interned keys (const char*) the accounts point into */
  GStringChunk *strings;
  char *source;               /* "CSV (CP932)", "xlsx, sheet Users", "LDIF", "passwd" */
  gboolean has_privileges;    /* the export says which privileges accounts have */
  gboolean has_status;        /* ... whether they are enabled */
  gboolean has_last_login;    /* ... when they last logged in */
  guint skipped;              /* rows passed over: other object classes, organisational units */
  const char *privilege_placeholder;  /* a .NET type name found where privileges belong
                                       * (Windows PowerShell 5.1's Export-Csv of MemberOf), or NULL;
                                       * then has_privileges is FALSE: nothing was compared */
} DcAccounts;

void dc_accounts_free (DcAccounts *accounts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcAccounts, dc_accounts_free)

/* Reads PATH as PROFILE says; SOURCE (may be NULL) chooses the sheet or the
 * CSV encoding. Privileges are interned in NAMES. Every problem (a login
 * missing, a status or date not understood) is listed in PROBLEMS with its
 * file, row and column (the first 50, then a count); then NULL with an error. */
DcAccounts *dc_accounts_read (const char *path, const DcImportSource *source,
                              const DcProfile *profile, DcNames *names, GPtrArray *problems,
                              GError **error);

/* TRUE when TEXT is the name of a .NET type (System.Object[],
 * Microsoft.ActiveDirectory.Management.ADPropertyValueCollection): what Windows
 * PowerShell 5.1's Export-Csv writes for a multi-valued property it cannot
 * write as text. */
gboolean dc_accounts_is_type_name (const char *text);

/* TEXT with each value written X'hex' (csvde without -u: the value's UTF-8
 * bytes in hex), alone or between ";", decoded. NULL with *BAD set to the
 * first such value whose bytes are not UTF-8. Newly allocated. */
char *dc_accounts_csvde_decode (const char *text, char **bad);

G_END_DECLS
