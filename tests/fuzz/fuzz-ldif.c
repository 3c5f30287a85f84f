/* LDIF entries and attribute look-ups. */
#include "fuzz.h"
#include "readers/dc-ldif.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  GError *error = NULL;
  DcLdif *ldif = dc_ldif_new_from_data ("fuzz.ldif", (const char *) data, size, &error);
  if (!ldif) {
    g_error_free (error);
    return 0;
  }
  DcLdifEntry *entry;
  while (dc_ldif_next (ldif, &entry, &error)) {
    g_assert (entry->dn && g_utf8_validate (entry->dn, -1, NULL));
    for (guint i = 0; i < entry->attributes->len; i++) {
      DcLdifAttribute *attribute = entry->attributes->pdata[i];
      g_assert (dc_ldif_entry_values (entry, attribute->name) == attribute->values);
      for (guint v = 0; v < attribute->values->len; v++)
        g_assert (g_utf8_validate (attribute->values->pdata[v], -1, NULL));
    }
    dc_ldif_entry_free (entry);
  }
  g_clear_error (&error);
  dc_ldif_free (ldif);
  return 0;
}
