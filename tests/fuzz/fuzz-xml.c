/* Safe XML reading, then validation against the test XSD. */
#include "fuzz.h"
#include "readers/dc-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  GError *error = NULL;
  xmlDocPtr doc = dc_xml_read_memory ((const char *) data, size, "fuzz.xml", &error);
  if (!doc) {
    g_assert (error);
    g_error_free (error);
    return 0;
  }
  if (!dc_xml_validate (doc, DAICHO_SOURCE_DIR "/fixtures/readers/xml/register.xsd", "fuzz.xml", &error)) {
    g_assert (error && error->code != 5 /* IO: the XSD must be there */);
    g_error_free (error);
  }
  xmlFreeDoc (doc);
  return 0;
}
