/* Reading back the xlsx workbooks daicho writes: a zip entry as text, and
 * XPath over a sheet's XML (for the ledger and review workbook suites). */
#pragma once
#include <glib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unzip.h>

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static inline char *
zip_entry (const char *path, const char *name)
{
  unzFile zip = unzOpen (path);
  g_assert_nonnull (zip);
  if (unzLocateFile (zip, name, 0) != UNZ_OK) {
    unzClose (zip);
    return NULL;
  }
  unz_file_info info;
  unzGetCurrentFileInfo (zip, &info, NULL, 0, NULL, 0, NULL, 0);
  char *data = g_malloc0 (info.uncompressed_size + 1);
  unzOpenCurrentFile (zip);
  g_assert_cmpint (unzReadCurrentFile (zip, data, info.uncompressed_size), ==, (int) info.uncompressed_size);
  unzCloseCurrentFile (zip);
  unzClose (zip);
  return data;
}

typedef struct {
  xmlDocPtr doc;
  xmlXPathContextPtr xpath;
} Xml;

static inline Xml
xml_of (const char *path, const char *entry)
{
  g_autofree char *text = zip_entry (path, entry);
  g_assert_nonnull (text);
  Xml xml = { xmlReadMemory (text, (int) strlen (text), entry, NULL, XML_PARSE_NONET), NULL };
  g_assert_nonnull (xml.doc);
  xml.xpath = xmlXPathNewContext (xml.doc);
  xmlXPathRegisterNs (xml.xpath, BAD_CAST "x", BAD_CAST NS);
  return xml;
}

static inline void
xml_free (Xml *xml)
{
  xmlXPathFreeContext (xml->xpath);
  xmlFreeDoc (xml->doc);
}

static inline double
xcount (Xml *xml, const char *expr)
{
  g_autofree char *counted = g_strdup_printf ("count(%s)", expr);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST counted, xml->xpath);
  double n = result ? result->floatval : -1;
  xmlXPathFreeObject (result);
  return n;
}

static inline char *
xstring (Xml *xml, const char *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expr);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST wrapped, xml->xpath);
  char *text = g_strdup (result ? (const char *) result->stringval : "");
  xmlXPathFreeObject (result);
  return text;
}
