#include "readers/dc-xml.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include <libxml/xmlschemas.h>

typedef struct {
  char *first_error;    /* "line N: message" */
  char *entity;         /* the first entity declared */
} ParseState;

static void
on_parse_error (void *context, xmlErrorPtr e)
{
  xmlParserCtxtPtr ctxt = context;
  ParseState *state = ctxt->_private;
  if (state->first_error || !e || e->level < XML_ERR_ERROR)
    return;
  g_autofree char *message = g_strchomp (g_strdup (e->message ? e->message : _ ("parse error")));
  state->first_error = g_strdup_printf ("line %d: %s", e->line, message);
}

/* Any entity declaration stops the parse: without entities there is no
 * billion laughs and no external entity to fetch. */
static void
on_entity_decl (void *context, const xmlChar *name, int type, const xmlChar *public_id,
                const xmlChar *system_id, xmlChar *content)
{
  xmlParserCtxtPtr ctxt = context;
  ParseState *state = ctxt->_private;
  if (!state->entity)
    state->entity = g_strdup ((const char *) name);
  xmlStopParser (ctxt);
}

xmlDocPtr
dc_xml_read_memory (const char *data, gsize length, const char *origin, GError **error)
{
  if (length > G_MAXINT) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: the document is too large"), origin);
    return NULL;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  if (!ctxt) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: out of memory"), origin);
    return NULL;
  }
  ParseState state = { NULL, NULL };
  ctxt->_private = &state;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->serror = on_parse_error;
  xmlDocPtr doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, DC_XML_OPTIONS);
  if (state.entity) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: refused: the DOCTYPE declares an "
                 "entity (“%s”); documents with entity declarations are not read"), origin, state.entity);
    g_clear_pointer (&doc, xmlFreeDoc);
  } else if (!doc || !ctxt->wellFormed) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: not well-formed XML: %s"), origin,
                 state.first_error ? state.first_error : _ ("parse error"));
    g_clear_pointer (&doc, xmlFreeDoc);
  }
  g_free (state.first_error);
  g_free (state.entity);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

xmlDocPtr
dc_xml_read_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!dc_file_read (path, &data, &length, error))
    return NULL;
  return dc_xml_read_memory (data, length, path, error);
}

/* ---- XSD validation ---- */

#define MAX_LISTED 50

typedef struct {
  GString *list;
  guint count;
} Violations;

static void
on_violation (void *context, xmlErrorPtr e)
{
  Violations *v = context;
  if (!e || e->level < XML_ERR_ERROR)
    return;
  if (++v->count > MAX_LISTED)
    return;
  g_autofree char *message = g_strchomp (g_strdup (e->message ? e->message : "invalid"));
  g_string_append_printf (v->list, "\n  line %d: %s", e->line, message);
}

/* The schema loader follows xs:import/xs:include; never over the network. */
static void
no_network_once (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done)) {
    xmlSetExternalEntityLoader (xmlNoNetExternalEntityLoader);
    g_once_init_leave (&done, 1);
  }
}

/* Validates DOC against the schema PCTXT reads (freed here); XSD_NAME names it. */
static gboolean
validate_with (xmlDocPtr doc, xmlSchemaParserCtxtPtr pctxt, const char *xsd_name, const char *origin,
               GError **error)
{
  no_network_once ();
  Violations v = { g_string_new (NULL), 0 };
  xmlSchemaSetParserStructuredErrors (pctxt, on_violation, &v);
  xmlSchemaPtr schema = xmlSchemaParse (pctxt);
  xmlSchemaFreeParserCtxt (pctxt);
  gboolean ok = FALSE;
  if (!schema) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: not a usable XML schema:%s"), xsd_name,
                 v.list->str);
    goto out;
  }
  v.count = 0;
  g_string_truncate (v.list, 0);
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (vctxt, on_violation, &v);
  int status = xmlSchemaValidateDoc (vctxt, doc);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlSchemaFree (schema);
  if (status == 0) {
    ok = TRUE;
  } else {
    if (v.count > MAX_LISTED)
      g_string_append_printf (v.list, _ ("\n  ... and %u more"), v.count - MAX_LISTED);
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID,
                 dc_ngettext ("%s does not match the schema %s (%u violation):%s",
                              "%s does not match the schema %s (%u violations):%s", v.count),
                 origin, xsd_name, v.count, v.count ? v.list->str : _ ("\n  (no detail)"));
  }
out:
  g_string_free (v.list, TRUE);
  return ok;
}

gboolean
dc_xml_validate (xmlDocPtr doc, const char *xsd_path, const char *origin, GError **error)
{
  if (!g_file_test (xsd_path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_IO, _ ("%s: the schema cannot be read"), xsd_path);
    return FALSE;
  }
  return validate_with (doc, xmlSchemaNewParserCtxt (xsd_path), xsd_path, origin, error);
}

gboolean
dc_xml_validate_memory (xmlDocPtr doc, const char *xsd, gsize xsd_length, const char *xsd_name,
                        const char *origin, GError **error)
{
  if (xsd_length > G_MAXINT) {
    g_set_error (error, DC_XML_ERROR, DC_ERROR_INVALID, _ ("%s: the schema is too large"), xsd_name);
    return FALSE;
  }
  return validate_with (doc, xmlSchemaNewMemParserCtxt (xsd, (int) xsd_length), xsd_name, origin, error);
}
