/* engines: both (under make check DB=postgresql its registers are on a server) */
#include "testlib.h"

#include <libxml/xmlsave.h>

static xmlDocPtr
build (DcStore *store, const DcAuditFilter *filter, DcAuditState *state, GError **error)
{
  if (!dc_audit_state_load (store, NULL, filter, state, error))
    return NULL;
  return dc_register_xml_build (store, state, NULL, filter, "2026-11-22T00:00:00Z", error);
}

/* Sets the note of asset A-0001 by SQL: text input refuses now (a control
 * character, U+FFFF) but a register written before may hold. */
static gboolean
plant_note (DcStore *store, gpointer data, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "UPDATE asset SET note = ?1 WHERE code = 'A-0001'", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, "a\x01" "b\\c\xef\xbf\xbf");   /* U+0001, a backslash, U+FFFF */
  return dc_store_run (store, stmt, error);
}

/* Every entity becomes an element with its fields; text is escaped; the
 * document is valid against the built-in schema and reads back. */
static void
test_build_validate_and_read_back (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "<&\"'> ]]> 資産",
                                  "c", "2", "i", "2", "a", "1", "section", "jutaku", "post", "kacho",
                                  NULL));
  CU_ASSERT_TRUE_FATAL (dc_change (store, "update", "asset", "A-0001", plant_note, NULL, &error));
  g_auto (DcAuditState) state = { 0 };
  DcAuditFilter filter = { "jutaku", NULL, 2026 };
  xmlDocPtr doc = build (store, &filter, &state, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (doc);
  g_autofree char *path = g_build_filename (dir, "register.xml", NULL);
  CU_ASSERT_TRUE_FATAL (xmlSaveFormatFileEnc (path, doc, "UTF-8", 1) > 0);
  xmlFreeDoc (doc);

  gint64 seq = 0;
  g_autofree char *hash = NULL;
  CU_ASSERT_TRUE_FATAL (dc_register_xml_check (path, &seq, &hash, &error));
  CU_ASSERT_EQUAL (seq, state.seq);
  CU_ASSERT_STRING_EQUAL (hash, state.hash);
  g_autofree char *text = NULL;
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &text, NULL, NULL));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "&lt;&amp;\"'&gt; ]]&gt; 資産"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<filter name=\"fy\">2026</filter>"));
  /* Characters XML cannot hold (C0, U+FFFF), and a backslash, escaped and marked. */
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<field name=\"note\" type=\"text\" escaped=\"true\">a\\u0001b\\\\c\\uFFFF</field>"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<entity kind=\"post\" key=\"kacho\""));
  /* Arrays hold items; an empty array none. */
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "<field name=\"depends_on\" type=\"array\"/>"));
  test_rmdir (dir);
}

/* A document that breaks the schema is refused with the violation. */
static void
test_invalid_document_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "register.xml", NULL);
  const char *bad = "<?xml version=\"1.0\"?>\n<register xmlns=\"urn:daicho:register:1\" format=\"1\""
                    " exported-at=\"x\" history-seq=\"1\" history-hash=\"abc\"/>\n";
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, bad, -1, NULL));
  gint64 seq = 0;
  g_autofree char *hash = NULL;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (dc_register_xml_check (path, &seq, &hash, &error));
  g_assert_error (error, DC_XML_ERROR, DC_ERROR_INVALID);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "register-1.xsd"));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "history-hash"));
  g_clear_error (&error);
  /* Entities are never expanded: a DOCTYPE declaring one is refused. */
  const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE register [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                    "<register xmlns=\"urn:daicho:register:1\">&x;</register>\n";
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, xxe, -1, NULL));
  CU_ASSERT_FALSE (dc_register_xml_check (path, &seq, &hash, &error));
  CU_ASSERT_PTR_NOT_NULL (error && strstr (error->message, "entity"));
  test_rmdir (dir);
}

/* Every element of the schema is documented. */
static void
test_schema_documents_every_element (void)
{
  gsize length = 0;
  const char *xsd = dc_register_xsd (&length);
  CU_ASSERT_TRUE_FATAL (length > 0);
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = dc_xml_read_memory (xsd, length, "register-1.xsd", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (doc);
  guint elements = 0, documented = 0;
  for (xmlNodePtr n = xmlDocGetRootElement (doc)->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || !xmlStrEqual (n->name, BAD_CAST "element"))
      continue;
    elements++;
    for (xmlNodePtr c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual (c->name, BAD_CAST "annotation"))
        documented++;
  }
  CU_ASSERT_EQUAL (elements, 5);
  CU_ASSERT_EQUAL (documented, elements);
  xmlFreeDoc (doc);
}

TEST_MAIN ("register-xml",
           { "built, valid, escaped and read back", test_build_validate_and_read_back },
           { "an invalid or hostile document is refused [SEC-INPUT-01]", test_invalid_document_refused },
           { "every element of the schema is documented", test_schema_documents_every_element })
