/* Backups of the register (seed 004 §7: backups in generations with a ledger).
 * A backup is a copy made with SQLite's online backup API while others may be
 * working, checked (PRAGMA integrity_check, the history's verification) before
 * it gets its name, mode 0600, and recorded in the register's backup ledger
 * (entity "backup", key: its generation number). */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* One line of the backup ledger (バックアップ保管台帳). */
typedef struct {
  gint64 number;          /* generation number: 1, 2, ... */
  char *taken_at;         /* UTC, "2026-11-23T01:15:00Z" */
  char *file;             /* absolute path it was written to */
  gint64 size;
  char *sha256;
  int schema_version;
  gint64 history_seq;     /* the copy's newest history entry */
  char *history_hash;
  char *note;             /* where it is kept */
  char *actor;
  char *status;           /* "kept" or "removed" */
  char *removed_on;       /* the day --keep removed it */
} DcBackup;

void dc_backup_free (DcBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcBackup, dc_backup_free)

/* What a register file holds, read from a checked copy. */
typedef struct {
  char *file;
  char *sha256;           /* of the file's bytes */
  gint64 size;
  int schema_version;     /* as the file was written (before any upgrade) */
  gint64 history_seq;     /* newest history entry; 0 when there is none */
  char *history_hash;
  gint64 entries;         /* history entries verified */
  gint64 entities;        /* records compared with their last snapshot */
} DcRegisterFile;

void dc_register_file_clear (DcRegisterFile *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcRegisterFile, dc_register_file_clear)

/* Copies the register file FILE into a new temporary file beside TARGET
 * (TARGET.tmp-XXXXXX, mode 0600) and checks the copy as a restore needs it:
 * an SQLite file (not damaged: PRAGMA integrity_check), a daicho register, not
 * written by a newer daicho, whose history verifies. The copy is upgraded to
 * this daicho's schema. Returns the copy open as a store (its path:
 * dc_store_path) with INFO filled in; on failure the copy is removed and the
 * error says why (DC_ERROR_DATABASE: damaged or not a register; DC_ERROR_VERSION:
 * newer; DC_ERROR_TAMPERED: the history does not verify). FILE is only read. */
DcStore  *dc_backup_open_checked_copy (const char *file, const char *target, DcRegisterFile *info,
                                       GError **error);

typedef struct {
  const char *note;       /* where the copy is kept (medium, cabinet) */
  int keep;               /* > 0: keep the newest KEEP generations in the copy's folder */
  gboolean force;         /* replace an existing file OUTPUT */
} DcBackupOptions;

/* Writes a checked copy of the register to OUTPUT and records it in the
 * ledger. OUTPUT may be an existing folder: the copy is then named
 * REGISTER-YYYYMMDD-HHMMSS.db after the register's own name. An existing file
 * is replaced only with OPTIONS->force (else DC_ERROR_CONFLICT). INFO (may be
 * NULL) gets what the check of the copy saw. The ledger line is written after
 * the copy is complete, so the copy never holds its own line. With KEEP,
 * OUTPUT is a folder, made (mode 0700) when it does not exist; a file there is
 * DC_ERROR_INVALID. With KEEP, older generations listed in
 * the ledger in the same folder are removed (only when their bytes are still
 * those recorded) and marked removed; *PRUNED (may be NULL) gets a message per
 * generation it removed or left. */
DcBackup *dc_backup_write (DcStore *store, const char *output, const DcBackupOptions *options,
                           DcRegisterFile *info, GPtrArray **pruned, GError **error);

/* The ledger, oldest first (DcBackup*). */
GPtrArray *dc_backup_list (DcStore *store, GError **error);

/* Checks that a kept backup's file is still where the ledger says, with the
 * bytes it recorded: NULL when it is, else what is wrong ("missing",
 * "differs"). */
char     *dc_backup_inspect (const DcBackup *backup);

/* Adds a ledger line as it stands in another register (restore carries the
 * ledger over to the register it puts in place); one history entry with
 * ACTION. A line with that number and the same file hash is updated to it; one
 * with another hash is left and reported (DC_ERROR_CONFLICT). */
gboolean  dc_backup_put (DcStore *store, const DcBackup *backup, const char *action, GError **error);

/* The ledger's line NUMBER, or NULL (no error) when there is none. */
DcBackup *dc_backup_find (DcStore *store, gint64 number, GError **error);

/* Removes PATH and the -wal, -shm and -journal files SQLite may have left. */
void      dc_backup_remove_files (const char *path);

G_END_DECLS
