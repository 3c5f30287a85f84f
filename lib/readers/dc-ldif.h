/* LDIF (RFC 2849) content records as directory services export them:
 * base64 values (::), folded lines, comments, multi-valued attributes. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;          /* as written, e.g. "memberOf" */
  GPtrArray *values;   /* char *, UTF-8; base64 text when is_binary */
  gboolean is_binary;  /* some value was not UTF-8: then every value is kept as base64 */
} DcLdifAttribute;

typedef struct {
  char *dn;
  GPtrArray *attributes;   /* DcLdifAttribute *, in first-seen order */
  guint line;              /* where the entry's dn is */
} DcLdifEntry;

typedef struct _DcLdif DcLdif;

/* Reads PATH (UTF-8). DC_LDIF_ERROR: DC_ERROR_IO, or DC_ERROR_INVALID
 * naming the file and line. */
DcLdif *dc_ldif_open (const char *path, GError **error);
/* The same over bytes in memory; ORIGIN names them in errors. */
DcLdif *dc_ldif_new_from_data (const char *origin, const char *data, gsize length, GError **error);
/* The next entry (caller frees it); FALSE at the end (no error) or on error. */
gboolean dc_ldif_next (DcLdif *ldif, DcLdifEntry **entry, GError **error);
/* Values of ATTRIBUTE (case-insensitive); NULL when the entry lacks it. */
const GPtrArray *dc_ldif_entry_values (const DcLdifEntry *entry, const char *attribute);
void dc_ldif_entry_free (DcLdifEntry *entry);
void dc_ldif_free (DcLdif *ldif);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcLdifEntry, dc_ldif_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcLdif, dc_ldif_free)

G_END_DECLS
