/* ID registers (ID管理簿): every login ID of a system, who holds it, what it
 * may do, who applied for, approved and registered it, and until when
 * (seed 003: 利用者ID及び特権IDの取り扱い). One entry per system and login ID;
 * its history key is "SYSTEM/LOGIN". */
#pragma once
#include "model/dc-record.h"
#include "model/dc-staff.h"

G_BEGIN_DECLS

/* The fields of an entry, for checking input and for headers. Entries are
 * not records of the generic engine (their key is a system and a login), but
 * their values are described and checked the same way. */
extern const DcRecordKind dc_id_kind;

typedef struct {
  char *system;         /* system code */
  char *login_id;       /* as the register writes it */
  char *login_key;      /* NFKC, CP932 fold, trimmed */
  char *holder;         /* employee number, or NULL (service IDs) */
  char *holder_name;
  char *kind;           /* user, privileged, shared, service, emergency */
  GStrv privileges;     /* approved, sorted */
  char *applicant;
  char *approver;
  char *registrar;
  char *approved_on;
  char *valid_until;
  char *shared_reason;
  GStrv shared_users;
  char *status;         /* active, revoked */
  char *revoked_on;
  char *note;
  char *created_on;
  char *updated_on;
} DcIdEntry;

void dc_id_entry_free (DcIdEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcIdEntry, dc_id_entry_free)

/* "jutaku-sys/sato.m" */
char *dc_id_history_key (const char *system, const char *login_id);

/* The Japanese name of a kind or status code ("特権ID"), or the code. */
const char *dc_id_kind_name (const char *kind);

/* Adds an entry (a DcRecord of dc_id_kind: system and login_id required).
 * The holder is looked up in ROSTER (NULL: the register's, loaded): a known person is stored by the
 * register's own employee number (1876 → 001876) and lends the name when none
 * is given. A login that differs from another of the same system only in
 * width or spaces is a conflict. One change with one history entry. */
gboolean  dc_id_add (DcStore *store, DcStaffRoster *roster, const DcRecord *entry, GError **error);

/* Changes the given fields of SYSTEM's entry LOGIN (the login as written, or
 * one that reads the same); the updated date advances when something changed. */
gboolean  dc_id_edit (DcStore *store, const char *system, const char *login,
                      const DcRecord *changes, GError **error);

/* An import's update of SYSTEM's entry LOGIN with the file's non-empty values,
 * its status and revocation date included (dates of the file's own copy are not
 * taken). Action "import". */
gboolean  dc_id_import_update (DcStore *store, DcStaffRoster *roster, const char *system,
                               const char *login, const DcRecord *values, GError **error);

/* The ID was deleted in the system (or is to be): status revoked on DATE. */
gboolean  dc_id_revoke (DcStore *store, const char *system, const char *login, const char *date,
                        const char *note, GError **error);

/* SYSTEM (code or name) resolved, and its entry LOGIN: the exact login first,
 * else the one entry with the same match key. */
DcIdEntry *dc_id_get (DcStore *store, const char *system, const char *login, GError **error);

typedef struct {
  const char *system;   /* code or name; NULL: every system */
  const char *holder;   /* employee number; NULL: anyone */
  const char *kind;     /* NULL: every kind */
  const char *status;   /* NULL: both */
} DcIdFilter;

typedef gboolean (*DcIdFunc) (const DcIdEntry *entry, gpointer user_data, GError **error);

/* Entries in system and login order. */
gboolean  dc_id_foreach (DcStore *store, const DcIdFilter *filter, DcIdFunc func,
                         gpointer user_data, GError **error);

G_END_DECLS
