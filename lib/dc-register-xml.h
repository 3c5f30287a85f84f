/* register.xml: the whole register (the audit state, dc-audit-state) as XML
 * following schema/register-1.xsd, which is built into daicho. */
#pragma once
#include "audit/dc-audit-state.h"
#include <libxml/tree.h>

G_BEGIN_DECLS

#define DC_REGISTER_XML_FORMAT 1
#define DC_REGISTER_XML_NS "urn:daicho:register:1"
#define DC_REGISTER_XSD_NAME "register-1.xsd"

/* The schema's text (static). */
const char *dc_register_xsd (gsize *length);

/* The document of the TEMP audit_state that STATE describes; AS_OF (may be
 * NULL) and FILTER are recorded in it; EXPORTED_AT is a UTC timestamp. The
 * document is validated against the schema before it is returned. */
xmlDocPtr dc_register_xml_build (DcStore *store, const DcAuditState *state, const char *as_of,
                                 const DcAuditFilter *filter, const char *exported_at, GError **error);

/* Validates DOC (named ORIGIN in errors) against the built-in schema. */
gboolean dc_register_xml_validate (xmlDocPtr doc, const char *origin, GError **error);

/* Reads PATH through dc-xml's safe settings, validates it and returns the
 * history sequence number and hash its root carries. */
gboolean dc_register_xml_check (const char *path, gint64 *seq, char **hash, GError **error);

/* DOC's text as register.xml holds it (UTF-8, indented); new, LENGTH bytes. */
char *dc_register_xml_text (xmlDocPtr doc, gsize *length);

/* What differs between a package's register.xml (PACKAGE) and the one rebuilt
 * from the database (REBUILT): one new line per entity, "kind key: differs",
 * "...: missing from the package" or "...: not in the database's history", and
 * one for the header (the root's attributes and filters). Both texts are read
 * with dc-xml's safe settings; NULL with ERROR when one is not well-formed. */
GPtrArray *dc_register_xml_differences (const char *package, gsize package_length, const char *rebuilt,
                                        gsize rebuilt_length, GError **error);

G_END_DECLS
