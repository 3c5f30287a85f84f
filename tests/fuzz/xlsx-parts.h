/* An xlsx zipped here (stored) from XML parts in the input: the sheet, shared
 * strings, styles and workbook separated by NUL bytes, so that the fuzzer
 * works on XML rather than on deflate streams and CRCs. */
#pragma once
#include "fuzz.h"
#include <string.h>
#include <zip.h>

static const char fuzz_content_types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char fuzz_root_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char fuzz_workbook_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/* A workbook.xml whose one sheet NAME is the part sheet1.xml. */
#define FUZZ_WORKBOOK(name)                                                                   \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "            \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"          \
  "<sheets><sheet name=\"" name "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"

static void
fuzz_zip_add (zipFile zip, const char *name, const void *data, size_t size)
{
  zip_fileinfo info;
  memset (&info, 0, sizeof info);
  if (zipOpenNewFileInZip (zip, name, &info, NULL, 0, NULL, 0, NULL, 0, 0) == ZIP_OK) {
    zipWriteInFileInZip (zip, data, (unsigned) size);
    zipCloseFileInZip (zip);
  }
}

/* A path to the xlsx made of the parts in DATA (an empty or missing part is
 * left out), with WORKBOOK when the input has no workbook part; close *FD
 * when done. */
static inline char *
fuzz_xlsx_from_parts (const uint8_t *data, size_t size, const char *workbook, int *fd)
{
  static const char *const parts[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
  };
  char *path = fuzz_memfile (NULL, 0, fd);
  if (!path)
    return NULL;
  zipFile zip = zipOpen64 (path, APPEND_STATUS_CREATE);
  if (!zip) {
    close (*fd);
    g_free (path);
    return NULL;
  }
  fuzz_zip_add (zip, "[Content_Types].xml", fuzz_content_types, sizeof fuzz_content_types - 1);
  fuzz_zip_add (zip, "_rels/.rels", fuzz_root_rels, sizeof fuzz_root_rels - 1);
  fuzz_zip_add (zip, "xl/_rels/workbook.xml.rels", fuzz_workbook_rels, sizeof fuzz_workbook_rels - 1);
  const uint8_t *p = data, *end = data + size;
  gboolean has_workbook = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts) && p <= end; i++) {
    const uint8_t *nul = memchr (p, 0, end - p);
    const uint8_t *stop = nul ? nul : end;
    if (stop > p)  /* an empty part is a missing one */
      fuzz_zip_add (zip, parts[i], p, stop - p);
    has_workbook = i == 3 && stop > p;
    p = stop + 1;
  }
  if (!has_workbook)
    fuzz_zip_add (zip, parts[3], workbook, strlen (workbook));
  zipClose (zip, NULL);
  return path;
}
