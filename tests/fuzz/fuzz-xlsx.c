/* The XML parts of an xlsx: the input is the sheet, shared strings, styles
 * and workbook separated by NUL bytes, zipped here (stored) so that the
 * fuzzer works on XML rather than on deflate streams and CRCs. */
#include "fuzz.h"
#include "table-walk.h"
#include <string.h>
#include <zip.h>

static const char content_types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char root_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
static const char default_workbook[] =
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static void
add (zipFile zip, const char *name, const void *data, size_t size)
{
  zip_fileinfo info;
  memset (&info, 0, sizeof info);
  if (zipOpenNewFileInZip (zip, name, &info, NULL, 0, NULL, 0, NULL, 0, 0) == ZIP_OK) {
    zipWriteInFileInZip (zip, data, (unsigned) size);
    zipCloseFileInZip (zip);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const parts[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
  };
  fuzz_init ();
  int fd;
  char *path = fuzz_memfile (NULL, 0, &fd);
  if (!path)
    return 0;
  zipFile zip = zipOpen64 (path, APPEND_STATUS_CREATE);
  if (!zip) {
    close (fd);
    g_free (path);
    return 0;
  }
  add (zip, "[Content_Types].xml", content_types, sizeof content_types - 1);
  add (zip, "_rels/.rels", root_rels, sizeof root_rels - 1);
  add (zip, "xl/_rels/workbook.xml.rels", workbook_rels, sizeof workbook_rels - 1);
  const uint8_t *p = data, *end = data + size;
  guint i = 0;
  for (; i < G_N_ELEMENTS (parts) && p <= end; i++) {
    const uint8_t *nul = memchr (p, 0, end - p);
    const uint8_t *stop = nul ? nul : end;
    add (zip, parts[i], p, stop - p);
    p = stop + 1;
  }
  if (i < G_N_ELEMENTS (parts))
    add (zip, parts[3], default_workbook, sizeof default_workbook - 1);
  zipClose (zip, NULL);
  fuzz_walk_table (path, NULL);
  close (fd);
  g_free (path);
  return 0;
}
