/* XML documents read safely (no network, no DTD loading, no entity
 * expansion; a DOCTYPE that declares entities is refused: billion laughs,
 * XXE) and validated against an XSD. */
#pragma once
#include <glib.h>
#include <libxml/tree.h>
#include <libxml/parser.h>

G_BEGIN_DECLS

/* The options of every libxml2 parse in daicho: never XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or XML_PARSE_DTDVALID. */
#define DC_XML_OPTIONS (XML_PARSE_NONET)

/* DC_ERROR_IO when PATH cannot be read; DC_ERROR_INVALID for malformed XML
 * (with its line) or entity declarations. Free with xmlFreeDoc. */
xmlDocPtr dc_xml_read_file (const char *path, GError **error);
/* The same over memory; ORIGIN names the document in errors. */
xmlDocPtr dc_xml_read_memory (const char *data, gsize length, const char *origin, GError **error);
/* TRUE when DOC is valid against the XSD at XSD_PATH; otherwise
 * DC_ERROR_INVALID listing each violation with its line. An XSD that
 * cannot be read or compiled is DC_ERROR_IO / DC_ERROR_INVALID naming it. */
gboolean dc_xml_validate (xmlDocPtr doc, const char *xsd_path, const char *origin, GError **error);
/* The same with the XSD in memory (a schema built into daicho); XSD_NAME names it. */
gboolean dc_xml_validate_memory (xmlDocPtr doc, const char *xsd, gsize xsd_length, const char *xsd_name,
                                 const char *origin, GError **error);


G_END_DECLS
