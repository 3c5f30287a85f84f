/* CSV decoding and records; the first byte picks forced options. */
#include "fuzz.h"
#include "readers/dc-csv.h"
#include "base/dc-matchkey.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const encodings[] = { NULL, "UTF-8", "CP932", "UTF-16", "UTF-16BE", "UTF-8-BOM" };
  static const char delimiters[] = { 0, ',', ';', '\t' };
  fuzz_init ();
  if (size < 1)
    return 0;
  const char *encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
  char delimiter = delimiters[(data[0] >> 4) % G_N_ELEMENTS (delimiters)];
  GError *error = NULL;
  DcCsv *csv = dc_csv_new_from_data ("fuzz.csv", data + 1, size - 1, encoding, delimiter, &error);
  if (!csv) {
    g_assert (error && error->message);
    g_error_free (error);
    return 0;
  }
  GPtrArray *fields;
  guint row, last = 0;
  while (dc_csv_next_row (csv, &fields, &row, &error)) {
    g_assert (row == last + 1 && fields->len >= 1);
    last = row;
    for (guint i = 0; i < fields->len; i++) {
      g_assert (g_utf8_validate (fields->pdata[i], -1, NULL));
      g_free (dc_match_key (fields->pdata[i], DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD));
    }
  }
  g_clear_error (&error);
  dc_csv_free (csv);
  return 0;
}
