#include "audit/dc-register-xml.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "dc-resources.h"
#include "base/dc-text.h"
#include "base/dc-json.h"
#include "readers/dc-xml.h"

#include <string.h>

#define XSD_RESOURCE "/daicho/schema/" DC_REGISTER_XSD_NAME
/* Snapshots are JSON of a few levels; deeper means something is wrong. */
#define MAX_DEPTH 16

const char *
dc_register_xsd (gsize *length)
{
  static GBytes *bytes;  /* the resource lives as long as the program */
  if (g_once_init_enter (&bytes)) {
    GBytes *found = g_resource_lookup_data (dc_resources_get_resource (), XSD_RESOURCE, 0, NULL);
    g_once_init_leave (&bytes, found);
  }
  return g_bytes_get_data (bytes, length);
}

gboolean
dc_register_xml_validate (xmlDocPtr doc, const char *origin, GError **error)
{
  gsize length = 0;
  const char *xsd = dc_register_xsd (&length);
  return dc_xml_validate_memory (doc, xsd, length, DC_REGISTER_XSD_NAME, origin, error);
}

typedef struct {
  DcStore *store;
  xmlNsPtr ns;
} Builder;

static gboolean add_members (Builder *b, xmlNodePtr parent, const char *json, gboolean object,
                             guint depth, const char *origin, GError **error);

/* TEXT with each character XML cannot hold as \uXXXX and each backslash
 * doubled (escaped="true" in the schema); NULL when TEXT needs none. */
static char *
escaped_text (const char *text)
{
  gboolean needed = FALSE;
  for (const char *p = text; *p && !needed; p = g_utf8_next_char (p))
    needed = !dc_text_xml_char (g_utf8_get_char (p));
  if (!needed)
    return NULL;
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (c == '\\')
      g_string_append (out, "\\\\");
    else if (!dc_text_xml_char (c))
      g_string_append_printf (out, "\\u%04X", c);
    else
      g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

/* One value of JSON type TYPE under PARENT as a field (NAME) or an item. */
static gboolean
add_value (Builder *b, xmlNodePtr parent, const char *name, const char *type, const char *value,
           guint depth, const char *origin, GError **error)
{
  xmlNodePtr node = xmlNewChild (parent, b->ns, BAD_CAST (name ? "field" : "item"), NULL);
  if (name)
    xmlNewProp (node, BAD_CAST "name", BAD_CAST name);
  xmlNewProp (node, BAD_CAST "type", BAD_CAST type);
  if (g_str_equal (type, "array") || g_str_equal (type, "object"))
    return add_members (b, node, value, g_str_equal (type, "object"), depth + 1, origin, error);
  if (value && !g_str_equal (type, "null") && !g_str_equal (type, "true") && !g_str_equal (type, "false")) {
    g_autofree char *escaped = escaped_text (value);
    if (escaped)
      xmlNewProp (node, BAD_CAST "escaped", BAD_CAST "true");
    xmlNodeAddContent (node, BAD_CAST (escaped ? escaped : value));  /* markup escaped by libxml2 */
  }
  return TRUE;
}

/* The schema's name of a JSON value's type (register-1.xsd), as SQLite's
 * json_each named them when it was our parser. */
static const char *
type_name (const DcJsonMember *m)
{
  switch (m->kind) {
  case DC_JSON_NULL: return "null";
  case DC_JSON_TRUE: return "true";
  case DC_JSON_FALSE: return "false";
  case DC_JSON_NUMBER: return strpbrk (m->value, ".eE") ? "real" : "integer";
  case DC_JSON_STRING: return "text";
  case DC_JSON_ARRAY: return "array";
  case DC_JSON_OBJECT: return "object";
  }
  return "null";
}

/* The members of the object (OBJECT) or the items of the array JSON. */
static gboolean
add_members (Builder *b, xmlNodePtr parent, const char *json, gboolean object, guint depth,
             const char *origin, GError **error)
{
  if (depth >= MAX_DEPTH) {
    g_set_error (error, DC_HISTORY_ERROR, DC_ERROR_INVALID, _ ("%s: the snapshot is nested too deeply"), origin);
    return FALSE;
  }
  g_autoptr (GPtrArray) members = dc_json_members (json);
  if (!members) {
    g_set_error (error, DC_HISTORY_ERROR, DC_ERROR_INVALID, _ ("%s: the snapshot is not valid JSON"), origin);
    return FALSE;
  }
  for (guint i = 0; i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    if (!add_value (b, parent, object ? m->key : NULL, type_name (m), m->value, depth, origin, error))
      return FALSE;
  }
  return TRUE;
}

xmlDocPtr
dc_register_xml_build (DcStore *store, const DcAuditState *state, const char *as_of,
                       const DcAuditFilter *filter, const char *exported_at, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store,
    "SELECT entity, key, json, seq FROM audit_state ORDER BY entity, key", error);
  if (!stmt)
    return NULL;
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, BAD_CAST "register", NULL);
  xmlDocSetRootElement (doc, root);
  xmlNsPtr ns = xmlNewNs (root, BAD_CAST DC_REGISTER_XML_NS, NULL);
  xmlSetNs (root, ns);
  char number[32];
  g_snprintf (number, sizeof number, "%d", DC_REGISTER_XML_FORMAT);
  xmlNewProp (root, BAD_CAST "format", BAD_CAST number);
  xmlNewProp (root, BAD_CAST "exported-at", BAD_CAST exported_at);
  if (as_of)
    xmlNewProp (root, BAD_CAST "as-of", BAD_CAST as_of);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, state->seq);
  xmlNewProp (root, BAD_CAST "history-seq", BAD_CAST number);
  xmlNewProp (root, BAD_CAST "history-hash", BAD_CAST state->hash);
  if (filter) {
    g_autofree char *fy = filter->fiscal_year ? g_strdup_printf ("%d", filter->fiscal_year) : NULL;
    const char *filters[][2] = { { "fy", fy }, { "section", filter->section }, { "system", filter->system } };
    for (gsize i = 0; i < G_N_ELEMENTS (filters); i++)
      if (filters[i][1]) {
        xmlNodePtr f = xmlNewChild (root, ns, BAD_CAST "filter", NULL);
        xmlNewProp (f, BAD_CAST "name", BAD_CAST filters[i][0]);
        xmlNodeAddContent (f, BAD_CAST filters[i][1]);
      }
  }
  Builder b = { store, ns };
  gboolean ok = TRUE;
  int rc;
  while (ok && (rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_autofree char *entity = dc_stmt_dup (stmt, 0);
    g_autofree char *key = dc_stmt_dup (stmt, 1);
    g_autofree char *json = dc_stmt_dup (stmt, 2);
    g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, (gint64) dc_stmt_int64 (stmt, 3));
    xmlNodePtr node = xmlNewChild (root, ns, BAD_CAST "entity", NULL);
    xmlNewProp (node, BAD_CAST "kind", BAD_CAST entity);
    xmlNewProp (node, BAD_CAST "key", BAD_CAST key);
    xmlNewProp (node, BAD_CAST "seq", BAD_CAST number);
    g_autofree char *origin = g_strdup_printf (_ ("history entry %s (%s %s)"), number, entity, key);
    ok = add_members (&b, node, json, TRUE, 0, origin, error);
  }
  ok = ok && rc == DC_STMT_DONE;
  if (!ok || !dc_register_xml_validate (doc, "register.xml", error)) {
    xmlFreeDoc (doc);
    return NULL;
  }
  return doc;
}

gboolean
dc_register_xml_check (const char *path, gint64 *seq, char **hash, GError **error)
{
  xmlDocPtr doc = dc_xml_read_file (path, error);
  if (!doc)
    return FALSE;
  gboolean ok = dc_register_xml_validate (doc, path, error);
  if (ok) {
    xmlNodePtr root = xmlDocGetRootElement (doc);
    xmlChar *s = xmlGetProp (root, BAD_CAST "history-seq");
    xmlChar *h = xmlGetProp (root, BAD_CAST "history-hash");
    *seq = g_ascii_strtoll ((const char *) s, NULL, 10);
    *hash = g_strdup ((const char *) h);
    xmlFree (s);
    xmlFree (h);
  }
  xmlFreeDoc (doc);
  return ok;
}

char *
dc_register_xml_text (xmlDocPtr doc, gsize *length)
{
  xmlChar *text = NULL;
  int size = 0;
  xmlDocDumpFormatMemoryEnc (doc, &text, &size, "UTF-8", 1);
  char *copy = text ? g_strndup ((const char *) text, (gsize) size) : NULL;
  xmlFree (text);
  *length = copy ? (gsize) size : 0;
  return copy;
}

/* "kind key" → the entity's serialised element; the header (the root's
 * attributes and filters) under "". */
static GHashTable *
entities_of (xmlDocPtr doc)
{
  GHashTable *entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNodePtr root = xmlDocGetRootElement (doc);
  g_autoptr (GString) header = g_string_new (NULL);
  for (xmlAttrPtr a = root ? root->properties : NULL; a; a = a->next) {
    xmlChar *value = xmlNodeListGetString (doc, a->children, 1);
    g_string_append_printf (header, "%s=%s\n", (const char *) a->name, value ? (const char *) value : "");
    xmlFree (value);
  }
  xmlBufferPtr buffer = xmlBufferCreate ();
  for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    xmlBufferEmpty (buffer);
    xmlNodeDump (buffer, doc, n, 0, 0);
    const char *text = (const char *) xmlBufferContent (buffer);
    if (!xmlStrEqual (n->name, BAD_CAST "entity")) {
      g_string_append_printf (header, "%s\n", text);
      continue;
    }
    xmlChar *kind = xmlGetProp (n, BAD_CAST "kind"), *key = xmlGetProp (n, BAD_CAST "key");
    g_hash_table_insert (entities, g_strdup_printf ("%s %s", (const char *) kind, (const char *) key),
                         g_strdup (text));
    xmlFree (kind);
    xmlFree (key);
  }
  xmlBufferFree (buffer);
  g_hash_table_insert (entities, g_strdup (""), g_string_free (g_steal_pointer (&header), FALSE));
  return entities;
}

GPtrArray *
dc_register_xml_differences (const char *package, gsize package_length, const char *rebuilt,
                             gsize rebuilt_length, GError **error)
{
  xmlDocPtr da = dc_xml_read_memory (package, package_length, "register.xml", error);
  xmlDocPtr db = da ? dc_xml_read_memory (rebuilt, rebuilt_length, "register.xml", error) : NULL;
  if (!db) {
    xmlFreeDoc (da);
    return NULL;
  }
  g_autoptr (GHashTable) ea = entities_of (da), eb = entities_of (db);
  xmlFreeDoc (da);
  xmlFreeDoc (db);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, ea);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (keys, key);
  g_hash_table_iter_init (&iter, eb);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (keys, key);
  g_autoptr (GList) sorted = g_list_sort (g_hash_table_get_keys (keys), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l; l = l->next) {
    const char *x = g_hash_table_lookup (ea, l->data), *y = g_hash_table_lookup (eb, l->data);
    if (g_strcmp0 (x, y) == 0)
      continue;
    const char *name = *(const char *) l->data ? l->data : _ ("the header (history entry, time, filters)");
    g_ptr_array_add (out, !x ? g_strdup_printf (_ ("%s: missing from the package"), name)
                        : !y ? g_strdup_printf (_ ("%s: not in the database's history"), name)
                             : g_strdup_printf (_ ("%s: differs"), name));
  }
  return out;
}
