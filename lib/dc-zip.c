#define _GNU_SOURCE  /* memmem */
#include "readers/dc-zip.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "readers/dc-xml.h"
#include <string.h>
#include <unzip.h>

typedef struct {
  ZPOS64_T offset;      /* for unzSetOffset64 */
  guint64 compressed;
  guint64 size;         /* declared uncompressed size */
} ZipEntry;

struct _DcZip {
  char *path;
  unzFile unz;
  GHashTable *entries;  /* casefolded name → ZipEntry */
  guint64 inflated;     /* bytes actually inflated so far, all entries */
  gboolean busy;        /* an entry is open */
};

struct _DcZipXml {
  DcZip *zip;
  char *name;
  ZipEntry entry;
  guint64 read;
  GError *error;        /* set by the read callback */
  GByteArray *head;     /* the first bytes, searched for a DOCTYPE */
  char *xml_error;      /* libxml2's first message */
  xmlTextReaderPtr reader;
  gboolean closed;      /* read to its end and checked */
};

static char *
entry_key (const char *name)
{
  return g_ascii_strdown (name, -1);
}

/* ".." segments, absolute paths, drive letters and backslashes could
 * address files outside an extraction directory: such a package is refused
 * even though daicho never extracts. */
static gboolean
unsafe_name (const char *name)
{
  if (name[0] == '/' || strchr (name, '\\') || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return TRUE;
  g_auto (GStrv) segments = g_strsplit (name, "/", -1);
  for (char **s = segments; *s; s++)
    if (g_str_equal (*s, ".."))
      return TRUE;
  return FALSE;
}

static gboolean
fail (GError **error, DcErrorCode code, const char *path, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError **error, DcErrorCode code, const char *path, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DC_XLSX_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static gboolean
check_entries (DcZip *zip, GError **error)
{
  unz_global_info64 global;
  if (unzGetGlobalInfo64 (zip->unz, &global) != UNZ_OK)
    return fail (error, DC_ERROR_INVALID, zip->path, _ ("the zip directory cannot be read"));
  if (global.number_entry > DC_ZIP_MAX_ENTRIES)
    return fail (error, DC_ERROR_INVALID, zip->path, _ ("too many zip entries (%llu, at most %d)"),
                 (unsigned long long) global.number_entry, DC_ZIP_MAX_ENTRIES);
  guint64 total = 0;
  guint count = 0;
  char name[65536];
  for (int status = unzGoToFirstFile (zip->unz); status == UNZ_OK; status = unzGoToNextFile (zip->unz)) {
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64 (zip->unz, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("the zip directory is corrupt"));
    if (++count > DC_ZIP_MAX_ENTRIES)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("too many zip entries (more than %d)"),
                   DC_ZIP_MAX_ENTRIES);
    if (strlen (name) != info.size_filename || unsafe_name (name))
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("refused: the zip entry name “%s” is "
                   "absolute or leaves its folder"), g_utf8_validate (name, -1, NULL) ? name : "?");
    if (info.flag & 1)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("entry %s is encrypted"), name);
    if (info.uncompressed_size > DC_ZIP_MAX_ENTRY_SIZE)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("entry %s is too large uncompressed (%llu bytes, at most 200 MB)"), name,
                   (unsigned long long) info.uncompressed_size);
    if (info.uncompressed_size > DC_ZIP_RATIO_FROM &&
        info.uncompressed_size / MAX (info.compressed_size, 1) > DC_ZIP_MAX_RATIO)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("entry %s is compressed more than %d:1 "
                   "(a zip bomb?)"), name, DC_ZIP_MAX_RATIO);
    total += info.uncompressed_size;
    if (total > DC_ZIP_MAX_TOTAL_SIZE)
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("the entries add up to more than 1 GB uncompressed"));
    /* Part names are case-insensitive: two entries of one name would let
     * one reader see a part another never shows. */
    g_autofree char *key = entry_key (name);
    if (g_hash_table_contains (zip->entries, key))
      return fail (error, DC_ERROR_INVALID, zip->path, _ ("refused: the zip holds the entry “%s” twice (a "
                   "workbook has each part once; save it again from Excel)"),
                   g_utf8_validate (name, -1, NULL) ? name : "?");
    ZipEntry *entry = g_new0 (ZipEntry, 1);
    entry->offset = unzGetOffset64 (zip->unz);
    entry->compressed = info.compressed_size;
    entry->size = info.uncompressed_size;
    g_hash_table_replace (zip->entries, g_steal_pointer (&key), entry);
  }
  return TRUE;
}

DcZip *
dc_zip_open (const char *path, GError **error)
{
  g_autoptr (DcZip) zip = g_new0 (DcZip, 1);
  zip->path = g_strdup (path);
  zip->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  zip->unz = unzOpen64 (path);
  if (!zip->unz) {
    if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
      fail (error, DC_ERROR_IO, path, _ ("cannot be read"));
    else
      fail (error, DC_ERROR_INVALID, path, _ ("not a readable zip (xlsx) file"));
    return NULL;
  }
  if (!check_entries (zip, error))
    return NULL;
  return g_steal_pointer (&zip);
}

gboolean
dc_zip_has (DcZip *zip, const char *name)
{
  g_autofree char *key = entry_key (name);
  return g_hash_table_contains (zip->entries, key);
}

void
dc_zip_free (DcZip *zip)
{
  if (!zip)
    return;
  if (zip->unz)
    unzClose (zip->unz);
  g_hash_table_unref (zip->entries);
  g_free (zip->path);
  g_free (zip);
}

/* ---- one entry as XML ---- */

static gboolean
limit_error (DcZipXml *xml, const char *what)
{
  if (!xml->error)
    g_set_error (&xml->error, DC_XLSX_ERROR, DC_ERROR_INVALID, _ ("%s: entry %s %s"),
                 xml->zip->path, xml->name, what);
  return FALSE;
}

#define HEAD_SIZE 65536

/* Counts what inflating really yields: declared sizes can lie. */
static int
read_entry (void *context, char *buffer, int length)
{
  DcZipXml *xml = context;
  if (xml->error)
    return -1;
  int n = unzReadCurrentFile (xml->zip->unz, buffer, length);
  if (n < 0) {
    limit_error (xml, _ ("is corrupt (inflating failed)"));
    return -1;
  }
  xml->read += n;
  xml->zip->inflated += n;
  if (xml->read > xml->entry.size)
    limit_error (xml, _ ("is larger than its declared size (refused)"));
  else if (xml->zip->inflated > DC_ZIP_MAX_TOTAL_SIZE)
    limit_error (xml, _ ("takes the package past 1 GB uncompressed (refused)"));
  else if (xml->read > DC_ZIP_RATIO_FROM &&
           xml->read / MAX (xml->entry.compressed, 1) > DC_ZIP_MAX_RATIO)
    limit_error (xml, _ ("is compressed more than 100:1 (a zip bomb?)"));
  /* A DOCTYPE comes before the root element, so the first bytes tell. It
   * is refused here, before libxml2 parses any entity declaration in it. */
  if (!xml->error && xml->head && n > 0) {
    g_byte_array_append (xml->head, (const guint8 *) buffer, n);
    if (g_strstr_len ((const char *) xml->head->data, xml->head->len, "<!DOCTYPE"))
      limit_error (xml, _ ("has a DOCTYPE (refused: OOXML parts have none, and DTDs carry entity attacks)"));
    else if (xml->head->len >= HEAD_SIZE)
      g_clear_pointer (&xml->head, g_byte_array_unref);
  }
  return xml->error ? -1 : n;
}

static int
close_entry (void *context)
{
  return 0;   /* dc_zip_xml_close closes the entry */
}

static void
on_xml_error (void *context, xmlErrorPtr e)
{
  DcZipXml *xml = context;
  if (xml->xml_error || !e || e->level < XML_ERR_ERROR)
    return;
  g_autofree char *message = g_strchomp (g_strdup (e->message ? e->message : "malformed XML"));
  xml->xml_error = g_strdup_printf ("line %d: %s", e->line, message);
}

/* At the end of the document: reads what is left of the entry and closes
 * it, which compares the CRC (minizip checks it only for an entry read whole). */
static void
finish_entry (DcZipXml *xml)
{
  char rest[4096];
  while (!xml->error && read_entry (xml, rest, sizeof rest) > 0)
    ;
  xml->closed = TRUE;
  if (unzCloseCurrentFile (xml->zip->unz) == UNZ_CRCERROR)
    limit_error (xml, _ ("is damaged (its CRC does not match its content)"));
}

/* An entry opened for reading through read_entry (limits counted, DOCTYPE
 * looked for), without an XML reader yet. */
static DcZipXml *
entry_open (DcZip *zip, const char *name, GError **error)
{
  g_return_val_if_fail (!zip->busy, NULL);
  g_autofree char *key = entry_key (name);
  ZipEntry *entry = g_hash_table_lookup (zip->entries, key);
  if (!entry) {
    fail (error, DC_ERROR_NOT_FOUND, zip->path, _ ("the package has no %s"), name);
    return NULL;
  }
  if (unzSetOffset64 (zip->unz, entry->offset) != UNZ_OK || unzOpenCurrentFile (zip->unz) != UNZ_OK) {
    fail (error, DC_ERROR_INVALID, zip->path, _ ("entry %s cannot be opened (corrupt zip)"), name);
    return NULL;
  }
  zip->busy = TRUE;
  DcZipXml *xml = g_new0 (DcZipXml, 1);
  xml->zip = zip;
  xml->name = g_strdup (name);
  xml->entry = *entry;
  xml->head = g_byte_array_new ();
  return xml;
}

gboolean
dc_zip_contains (DcZip *zip, const char *name, const char *needle, gboolean *found,
                 GError **error)
{
  g_autoptr (DcZipXml) xml = entry_open (zip, name, error);
  if (!xml)
    return FALSE;
  /* Searched a buffer at a time, keeping the needle's length less one byte
   * of the previous buffer in front, so that no match is cut in two. */
  gsize keep = strlen (needle) - 1, have = 0;
  g_autofree char *buffer = g_malloc (keep + 65536);
  *found = FALSE;
  int n;
  while (!*found && (n = read_entry (xml, buffer + have, 65536)) > 0) {
    have += (gsize) n;
    /* NUL bytes: UTF-16 or UTF-32, whose text is not ASCII bytes: say yes. */
    *found = memmem (buffer, have, needle, keep + 1) != NULL || memchr (buffer, 0, have) != NULL;
    gsize tail = MIN (have, keep);
    memmove (buffer, buffer + have - tail, tail);
    have = tail;
  }
  if (!*found && !xml->error)
    finish_entry (xml);
  if (xml->error) {
    g_propagate_error (error, g_steal_pointer (&xml->error));
    return FALSE;
  }
  return TRUE;
}

DcZipXml *
dc_zip_xml_open (DcZip *zip, const char *name, GError **error)
{
  g_autoptr (DcZipXml) xml = entry_open (zip, name, error);
  if (!xml)
    return NULL;
  xml->reader = xmlReaderForIO (read_entry, close_entry, xml, name, NULL, DC_XML_OPTIONS);
  if (!xml->reader) {
    fail (error, DC_ERROR_INVALID, zip->path, _ ("entry %s cannot be read as XML"), name);
    return NULL;
  }
  xmlTextReaderSetStructuredErrorHandler (xml->reader, on_xml_error, xml);
  return g_steal_pointer (&xml);
}

xmlTextReaderPtr
dc_zip_xml_reader (DcZipXml *xml)
{
  return xml->reader;
}

const char *
dc_zip_xml_name (DcZipXml *xml)
{
  return xml->name;
}

int
dc_zip_xml_read (DcZipXml *xml, GError **error)
{
  int status = xml->error ? -1 : xmlTextReaderRead (xml->reader);
  if (status == 1 && xmlTextReaderNodeType (xml->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    limit_error (xml, _ ("has a DOCTYPE (refused: OOXML parts have none, and DTDs carry entity attacks)"));
  if (status == 0 && !xml->closed)
    finish_entry (xml);
  if (xml->error) {
    g_propagate_error (error, g_steal_pointer (&xml->error));
    return -1;
  }
  if (status < 0) {
    fail (error, DC_ERROR_INVALID, xml->zip->path, _ ("entry %s is not well-formed XML: %s"), xml->name,
          xml->xml_error ? xml->xml_error : _ ("parse error"));
    return -1;
  }
  return status;
}

void
dc_zip_xml_close (DcZipXml *xml)
{
  if (!xml)
    return;
  if (xml->reader)
    xmlFreeTextReader (xml->reader);
  if (!xml->closed)
    unzCloseCurrentFile (xml->zip->unz);
  xml->zip->busy = FALSE;
  g_clear_error (&xml->error);
  if (xml->head)
    g_byte_array_unref (xml->head);
  g_free (xml->xml_error);
  g_free (xml->name);
  g_free (xml);
}
