#include "readers.h"

static void
test_valid_document (void)
{
  g_autofree char *path = fixture ("xml/valid.xml");
  g_autofree char *xsd = fixture ("xml/register.xsd");
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = dc_xml_read_file (path, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (doc);
  /* A DOCTYPE without entity declarations is fine. */
  CU_ASSERT_STRING_EQUAL ((const char *) xmlDocGetRootElement (doc)->name, "register");
  CU_ASSERT_TRUE (dc_xml_validate (doc, xsd, path, &error));
  g_assert_no_error (error);
  xmlFreeDoc (doc);
}

static void
test_violations_listed (void)
{
  g_autofree char *path = fixture ("xml/invalid.xml");
  g_autofree char *xsd = fixture ("xml/register.xsd");
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = dc_xml_read_file (path, &error);
  g_assert_no_error (error);
  CU_ASSERT_FALSE (dc_xml_validate (doc, xsd, "invalid.xml", &error));
  /* Each violation with its line: level 4 (line 3), no code (line 4), title (line 5). */
  CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_INVALID, "invalid.xml does not match",
                              "register.xsd", "3 violations", "line 3: ", "confidentiality",
                              "line 4: ", "code", "line 5: ", "title", NULL));
  xmlFreeDoc (doc);
  g_clear_error (&error);
  xmlDocPtr other = dc_xml_read_memory ("<register/>", 11, "mem", &error);
  CU_ASSERT_FALSE (dc_xml_validate (other, "/nonexistent.xsd", "mem", &error));
  CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_IO, "/nonexistent.xsd", NULL));
  xmlFreeDoc (other);
}

static void
test_entities_refused (void)
{
  static const struct { const char *file, *entity; } cases[] = {
    { "xml/xxe.xml", "xxe" },
    { "xml/billion-laughs.xml", "lol" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = fixture (cases[i].file);
    g_autoptr (GError) error = NULL;
    xmlDocPtr doc = dc_xml_read_file (path, &error);
    CU_ASSERT_PTR_NULL (doc);
    CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_INVALID, cases[i].file, "refused",
                                "declares an entity", cases[i].entity, NULL));
  }
  /* A parameter entity that would fetch a DTD is refused the same way. */
  static const char pe[] = "<!DOCTYPE r [<!ENTITY % ext SYSTEM \"http://127.0.0.1/x.dtd\"> %ext;]><r/>";
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = dc_xml_read_memory (pe, sizeof pe - 1, "pe.xml", &error);
  CU_ASSERT_PTR_NULL (doc);
  CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_INVALID, "pe.xml", "ext", NULL));
}

static void
test_malformed (void)
{
  g_autofree char *path = fixture ("xml/malformed.xml");
  g_autoptr (GError) error = NULL;
  xmlDocPtr doc = dc_xml_read_file (path, &error);
  CU_ASSERT_PTR_NULL (doc);
  CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_INVALID, "malformed.xml",
                              "not well-formed", "line ", NULL));
  g_clear_error (&error);
  doc = dc_xml_read_file ("/nonexistent/x.xml", &error);
  CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_IO, "/nonexistent/x.xml", NULL));
  g_clear_error (&error);
  doc = dc_xml_read_memory ("", 0, "empty", &error);
  CU_ASSERT_TRUE (error_says (error, DC_XML_ERROR, DC_ERROR_INVALID, "empty", NULL));
}

TEST_MAIN ("xml",
           { "a valid document reads and validates", test_valid_document },
           { "XSD violations are listed with their lines", test_violations_listed },
           { "XXE, billion laughs and parameter entities are refused [SEC-INPUT-01]", test_entities_refused },
           { "malformed, missing and empty documents", test_malformed })
