/* Export profiles: how to read the ID list a system exports (the columns or
 * attributes of the login, privileges, enabled state and last login, and how
 * logins are compared). Profiles are data files (schema/profiles/NAME.ini,
 * built in; or a file of the user's own; docs/profiles.md). */
#pragma once
#include <glib.h>
#include "base/dc-matchkey.h"

G_BEGIN_DECLS

typedef enum {
  DC_PROFILE_TABLE,     /* CSV (any encoding daicho reads) or xlsx, with a header row */
  DC_PROFILE_LDIF,      /* LDIF entries (RFC 2849) */
  DC_PROFILE_PASSWD     /* /etc/passwd lines */
} DcProfileFormat;

typedef enum {
  DC_STATUS_UAC,        /* userAccountControl: bit 0x2 set = disabled */
  DC_STATUS_VALUES,     /* listed values mean enabled or disabled */
  DC_STATUS_PRESENT     /* any value at all = disabled (pwdAccountLockedTime) */
} DcStatusRule;

/* Which part of a login is compared (directories that export UPNs, user@domain,
 * against registers that keep the short login). */
typedef enum {
  DC_LOGIN_PART_FULL,   /* the whole login */
  DC_LOGIN_PART_LOCAL   /* the part before the last "@" (of the listed domains only, when listed) */
} DcLoginPart;

typedef struct {
  char *column;         /* header or attribute names, "|" between synonyms */
  DcStatusRule rule;
  GStrv enabled;        /* DC_STATUS_VALUES: values that mean enabled (may be empty) */
  GStrv disabled;       /* ... and disabled; a value in neither list is an error when both are given */
} DcStatusCheck;

typedef struct {
  char *name;
  char *title;
  char *text;           /* the profile file as read: a run records its hash */
  DcProfileFormat format;
  char *key;            /* the login's column or attribute ("|": synonyms) */
  DcMatchFlags match;   /* how logins are compared; 0: exactly */
  DcLoginPart login_part;
  GStrv login_domains;  /* login_part local: only logins of these domains (compared form); empty: any */
  char *guest_column;   /* a column saying the account is a guest (userType); NULL: none */
  GStrv guest_values;   /* ... and its values that mean guest (compared form) */
  char *display_name;   /* NULL: none */
  char *family_name;    /* 姓 and 名 in columns of their own (Google): the name shown is */
  char *given_name;     /*   "姓 名", as Japanese users write it; NULL: none */
  gboolean csvde_values; /* values = csvde: X'hex' is a value's UTF-8 bytes (csvde without -u) */
  char *class_column;   /* object classes (LDAP exports); NULL: every row is an account */
  GStrv account_classes;
  GStrv exclude_classes;
  char *privileges;     /* a column of privilege names; NULL: none */
  char *separators;     /* characters separating names in it */
  gboolean dn_cn;       /* a DN (CN=x,OU=y) counts as its first value (x) */
  GStrv flag_columns;   /* columns that grant the privilege of their own name when marked ○ */
  GStrv group_members;  /* LDIF: attributes of group entries that list their members */
  GPtrArray *status;    /* DcStatusCheck*: disabled when any says so */
  char *last_login;     /* NULL: the export has no last login */
  gboolean filetime;    /* last login is always a Windows FILETIME */
  GStrv never;          /* last-login values that mean "never logged in" */
  GArray *system_uids;  /* passwd: pairs of guint (first, last): the OS's own accounts */
  GStrv disabled_shells;
} DcProfile;

void dc_profile_free (DcProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcProfile, dc_profile_free)

/* Parses a profile file's text; ORIGIN names it in errors. */
DcProfile *dc_profile_parse (const char *text, gsize length, const char *origin, GError **error);
/* A built-in profile's name (generic, ad-csvde, ...) or a profile file's path. */
DcProfile *dc_profile_load (const char *name_or_path, GError **error);
/* The built-in profiles' names, sorted. */
GStrv      dc_profile_preset_names (void);

/* "local" or "full" as a DcLoginPart; FALSE for anything else. */
gboolean   dc_profile_login_part_parse (const char *text, DcLoginPart *part);
/* RAW as PROFILE compares it: its match flags (FLAGS instead when not 0),
 * then, when the profile compares local parts, only the part before the last
 * "@" (when login_domains are listed, only for logins of those domains). */
char      *dc_profile_login_key (const DcProfile *profile, const char *raw, DcMatchFlags flags);
/* An external guest of a Microsoft directory: its login has #EXT# (B2B guests:
 * taro_example.com#EXT#@tenant.onmicrosoft.com). The guest's own address
 * (taro@example.com) in *HOME, NULL when the login does not say it. */
gboolean   dc_profile_login_is_guest (const char *raw, char **home);

/* TRUE when a flag cell grants its privilege: ○ ◯ 〇 ● ✓ 1 true yes 有 あり 可. */
gboolean   dc_profile_flag_set (const char *text);

G_END_DECLS
