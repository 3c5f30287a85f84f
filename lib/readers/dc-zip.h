/* Reading XML parts of a zip package (xlsx) safely: limits against zip
 * bombs, refusal of unsafe entry names, and a streaming xmlTextReader over
 * one entry whose actual bytes are counted while inflating. */
#pragma once
#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

#define DC_ZIP_MAX_ENTRIES     10000
#define DC_ZIP_MAX_ENTRY_SIZE  (G_GUINT64_CONSTANT (200) << 20)
#define DC_ZIP_MAX_TOTAL_SIZE  (G_GUINT64_CONSTANT (1) << 30)
#define DC_ZIP_MAX_RATIO       100
#define DC_ZIP_RATIO_FROM      (G_GUINT64_CONSTANT (1) << 20)   /* ratio checked above this size */

typedef struct _DcZip DcZip;
typedef struct _DcZipXml DcZipXml;

/* Opens PATH and checks every entry's name and declared sizes. Errors
 * (DC_XLSX_ERROR) name the file and, when one is at fault, the entry. */
DcZip *dc_zip_open (const char *path, GError **error);
/* TRUE when the package has entry NAME (compared case-insensitively, as
 * OOXML part names are). */
gboolean dc_zip_has (DcZip *zip, const char *name);
void dc_zip_free (DcZip *zip);

/* Streams entry NAME as XML (network off, no DTD, DOCTYPE refused). Only
 * one entry of a DcZip can be open at a time. DC_ERROR_NOT_FOUND when the
 * entry is absent. */
/* Whether entry NAME's bytes contain NEEDLE (ASCII), found without parsing
 * (under the same limits as reading it as XML): a cheap look before a full
 * pass. An entry with NUL bytes (UTF-16, UTF-32) may hold it: TRUE. */
gboolean dc_zip_contains (DcZip *zip, const char *name, const char *needle, gboolean *found,
                          GError **error);

DcZipXml *dc_zip_xml_open (DcZip *zip, const char *name, GError **error);
xmlTextReaderPtr dc_zip_xml_reader (DcZipXml *xml);
const char *dc_zip_xml_name (DcZipXml *xml);
/* Advances to the next node: 1, 0 at the end of the entry, -1 with ERROR
 * set (limits, corrupt data, malformed XML with its line). */
int dc_zip_xml_read (DcZipXml *xml, GError **error);
void dc_zip_xml_close (DcZipXml *xml);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcZip, dc_zip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcZipXml, dc_zip_xml_close)

G_END_DECLS
