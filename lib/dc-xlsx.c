#include "readers/dc-xlsx.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "readers/dc-zip.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 16384     /* A .. XFD */
#define MAX_ROWS    1048576
#define NS_REL_TRANSITIONAL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT       "http://purl.oclc.org/ooxml/officeDocument/relationships"

struct _DcXlsx {
  char *path;
  DcZip *zip;
  GPtrArray *sheet_names;    /* char *, workbook order */
  GPtrArray *sheet_parts;    /* char *, entry names, same order */
  gboolean date1904;
  GArray *xf_is_date;        /* guint8 per cellXfs index */
  GStringChunk *strings;     /* the shared strings, compactly */
  GPtrArray *sst;            /* char * into STRINGS */
  /* the selected sheet */
  int selected;
  GArray *merges;
  DcZipXml *sheet;
  gboolean done;
  guint row;
  GPtrArray *cells;
  GString *value;
  GString *text;
};

/* ---- small helpers ---- */

static gboolean
is_element (xmlTextReaderPtr reader, const char *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         g_str_equal ((const char *) xmlTextReaderConstLocalName (reader), name);
}

static gboolean
is_end (xmlTextReaderPtr reader, const char *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         g_str_equal ((const char *) xmlTextReaderConstLocalName (reader), name);
}

static char *
attribute (xmlTextReaderPtr reader, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* Copies up to N_NAMES attribute values (by local name) of the current
 * element into VALUES[i] (each SIZE bytes, "" when absent); no allocation,
 * as this runs for every cell. */
static void
small_attributes (xmlTextReaderPtr reader, const char *const *names, guint n_names,
                  char (*values)[16])
{
  for (guint i = 0; i < n_names; i++)
    values[i][0] = '\0';
  while (xmlTextReaderMoveToNextAttribute (reader) == 1) {
    const char *local = (const char *) xmlTextReaderConstLocalName (reader);
    for (guint i = 0; i < n_names; i++)
      if (g_str_equal (local, names[i])) {
        g_strlcpy (values[i], (const char *) xmlTextReaderConstValue (reader), 16);
        break;
      }
  }
  xmlTextReaderMoveToElement (reader);
}

/* Excel writes control characters as _xHHHH_ (ST_Xstring), "_" itself as _x005F_. */
static void
unescape_xstring (GString *s)
{
  if (!strstr (s->str, "_x"))
    return;
  GString *out = g_string_sized_new (s->len);
  for (gsize i = 0; i < s->len; i++) {
    const char *p = s->str + i;
    if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
        g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_') {
      gunichar c = (gunichar) strtoul ((char[]) { p[2], p[3], p[4], p[5], 0 }, NULL, 16);
      if (c && g_unichar_validate (c)) {
        g_string_append_unichar (out, c);
        i += 6;
        continue;
      }
    }
    g_string_append_c (out, *p);
  }
  g_string_assign (s, out->str);
  g_string_free (out, TRUE);
}

gboolean
dc_xlsx_parse_ref (const char *ref, guint *column, guint *row)
{
  guint col = 0, letters = 0;
  const char *p = ref;
  for (; g_ascii_isalpha (*p); p++) {
    if (++letters > 3)
      return FALSE;
    col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  }
  if (letters == 0 || col > MAX_COLUMNS)
    return FALSE;
  guint64 r = 0;
  for (; g_ascii_isdigit (*p); p++) {
    r = r * 10 + (*p - '0');
    if (r > MAX_ROWS)
      return FALSE;
  }
  if (*p)
    return FALSE;
  *column = col - 1;
  if (row)
    *row = (guint) r;
  return TRUE;
}

static gboolean
parse_uint (const char *text, guint max, guint *value)
{
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  guint64 n = 0;
  for (const char *p = text; *p; p++) {
    if (!g_ascii_isdigit (*p))
      return FALSE;
    n = n * 10 + (*p - '0');
    if (n > max)
      return FALSE;
  }
  *value = (guint) n;
  return TRUE;
}

static gboolean
fail (DcXlsx *xlsx, GError **error, DcErrorCode code, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (DcXlsx *xlsx, GError **error, DcErrorCode code, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DC_XLSX_ERROR, code, "%s: %s", xlsx->path, message);
  return FALSE;
}

/* ---- dates ---- */

gboolean
dc_xlsx_format_is_date (guint id, const char *code)
{
  if (!code)
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
  /* Date codes count only outside "literals", [colours/locales], and the
   * characters escaped by \, _ (a space as wide as) and * (fill). */
  for (const char *p = code; *p; p++) {
    switch (*p) {
    case '"':
      while (p[1] && p[1] != '"')
        p++;
      if (p[1])
        p++;
      break;
    case '[':
      while (p[1] && p[1] != ']')
        p++;
      if (p[1])
        p++;
      break;
    case '\\': case '_': case '*':
      if (p[1])
        p++;
      break;
    default:
      if (strchr ("ymdhsYMDHS", *p))
        return TRUE;
    }
  }
  return FALSE;
}

char *
dc_xlsx_serial_text (double serial, gboolean date1904)
{
  if (!(serial >= 0 && serial < 2958466.0))   /* also refuses NaN */
    return NULL;
  /* Rounded to the second; no libm, as the serial is known non-negative. */
  guint days = (guint) serial;
  guint seconds = (guint) ((serial - days) * 86400.0 + 0.5);
  if (seconds >= 86400) {
    days++;
    seconds -= 86400;
  }
  char date[11];
  if (!date1904 && days == 60) {
    /* Lotus 1-2-3 took 1900 for a leap year and Excel kept it: 60 is the
     * fictitious 1900-02-29, and serials below it count from 1899-12-31. */
    g_strlcpy (date, "1900-02-29", sizeof date);
  } else {
    GDate d;
    g_date_clear (&d, 1);
    if (date1904)
      g_date_set_dmy (&d, 1, G_DATE_JANUARY, 1904);
    else if (days < 60)
      g_date_set_dmy (&d, 31, G_DATE_DECEMBER, 1899);
    else
      g_date_set_dmy (&d, 30, G_DATE_DECEMBER, 1899);
    g_date_add_days (&d, days);
    if (g_date_get_year (&d) > 9999)
      return NULL;
    g_snprintf (date, sizeof date, "%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d),
                g_date_get_day (&d));
  }
  if (seconds == 0)
    return g_strdup (date);
  return g_strdup_printf ("%sT%02u:%02u:%02u", date, seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* The serial of an ISO date-time (cells of type "d"), or FALSE. */
static gboolean
iso_serial (const char *iso, gboolean date1904, double *serial)
{
  guint y, m, d, hh = 0, mm = 0, ss = 0;
  int n = 0;
  if (sscanf (iso, "%4u-%2u-%2u%n", &y, &m, &d, &n) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (iso[n] == 'T' && sscanf (iso + n, "T%2u:%2u:%2u", &hh, &mm, &ss) < 2)
    return FALSE;
  if (hh > 23 || mm > 59 || ss > 59)
    return FALSE;
  GDate date, epoch;
  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, d, m, y);
  if (date1904)
    g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1904);
  else if (y < 1900 || (y == 1900 && m < 3))
    g_date_set_dmy (&epoch, 31, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (&epoch, 30, G_DATE_DECEMBER, 1899);
  int days = g_date_days_between (&epoch, &date);
  if (days < 0)
    return FALSE;
  *serial = days + (hh * 3600 + mm * 60 + ss) / 86400.0;
  return TRUE;
}

/* ---- package parts ---- */

typedef struct {
  char *id;
  char *type;
  char *target;   /* resolved entry name */
} Relationship;

static void
relationship_free (Relationship *rel)
{
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* Target of a relationship of SOURCE (an entry name; "" for the package). */
static char *
resolve_target (const char *source, const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  const char *slash = strrchr (source, '/');
  g_autofree char *joined = slash ? g_strdup_printf ("%.*s/%s", (int) (slash - source), source, target)
                                  : g_strdup (target);
  g_auto (GStrv) segments = g_strsplit (joined, "/", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  for (char **s = segments; *s; s++) {
    if (g_str_equal (*s, "..")) {
      if (kept->len)
        g_ptr_array_remove_index (kept, kept->len - 1);
    } else if (**s && !g_str_equal (*s, ".")) {
      g_ptr_array_add (kept, *s);
    }
  }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static char *
rels_part (const char *source)
{
  const char *slash = strrchr (source, '/');
  if (!slash)
    return g_strdup_printf ("_rels/%s.rels", source);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - source), source, slash + 1);
}

/* The relationships of SOURCE; an empty list when it has none. */
static GPtrArray *
read_relationships (DcXlsx *xlsx, const char *source, GError **error)
{
  g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func ((GDestroyNotify) relationship_free);
  g_autofree char *part = rels_part (source);
  if (!dc_zip_has (xlsx->zip, part))
    return g_steal_pointer (&rels);
  g_autoptr (DcZipXml) xml = dc_zip_xml_open (xlsx->zip, part, error);
  if (!xml)
    return NULL;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  int status;
  while ((status = dc_zip_xml_read (xml, error)) == 1) {
    if (!is_element (reader, "Relationship"))
      continue;
    g_autofree char *mode = attribute (reader, "TargetMode");
    g_autofree char *target = attribute (reader, "Target");
    if (!target || (mode && g_ascii_strcasecmp (mode, "External") == 0))
      continue;
    Relationship *rel = g_new0 (Relationship, 1);
    rel->id = attribute (reader, "Id");
    rel->type = attribute (reader, "Type");
    rel->target = resolve_target (source, target);
    g_ptr_array_add (rels, rel);
  }
  return status < 0 ? NULL : g_steal_pointer (&rels);
}

/* The target of the first relationship whose type ends in /SUFFIX. */
static const char *
find_by_type (GPtrArray *rels, const char *suffix)
{
  for (guint i = 0; i < rels->len; i++) {
    Relationship *rel = rels->pdata[i];
    const char *slash = rel->type ? strrchr (rel->type, '/') : NULL;
    if (slash && g_str_equal (slash + 1, suffix))
      return rel->target;
  }
  return NULL;
}

static const char *
find_by_id (GPtrArray *rels, const char *id)
{
  for (guint i = 0; id && i < rels->len; i++) {
    Relationship *rel = rels->pdata[i];
    if (rel->id && g_str_equal (rel->id, id))
      return rel->target;
  }
  return NULL;
}

static char *
relationship_id (xmlTextReaderPtr reader)
{
  static const char *const namespaces[] = { NS_REL_TRANSITIONAL, NS_REL_STRICT };
  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++) {
    xmlChar *id = xmlTextReaderGetAttributeNs (reader, (const xmlChar *) "id",
                                               (const xmlChar *) namespaces[i]);
    if (id) {
      char *copy = g_strdup ((const char *) id);
      xmlFree (id);
      return copy;
    }
  }
  return attribute (reader, "r:id");
}

static gboolean
read_workbook (DcXlsx *xlsx, const char *part, GPtrArray *rels, GError **error)
{
  g_autoptr (DcZipXml) xml = dc_zip_xml_open (xlsx->zip, part, error);
  if (!xml)
    return FALSE;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  int status;
  while ((status = dc_zip_xml_read (xml, error)) == 1) {
    if (is_element (reader, "workbookPr")) {
      g_autofree char *date1904 = attribute (reader, "date1904");
      xlsx->date1904 = date1904 && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    } else if (is_element (reader, "sheet")) {
      g_autofree char *name = attribute (reader, "name");
      g_autofree char *id = relationship_id (reader);
      const char *target = find_by_id (rels, id);
      if (!name || !target || !g_utf8_validate (name, -1, NULL))
        return fail (xlsx, error, DC_ERROR_INVALID, _ ("%s: sheet %s has no name or no part"), part,
                     name && g_utf8_validate (name, -1, NULL) ? name : "?");
      g_ptr_array_add (xlsx->sheet_names, g_steal_pointer (&name));
      g_ptr_array_add (xlsx->sheet_parts, g_strdup (target));
    }
  }
  if (status < 0)
    return FALSE;
  if (xlsx->sheet_names->len == 0)
    return fail (xlsx, error, DC_ERROR_INVALID, _ ("the workbook has no sheets"));
  return TRUE;
}

static gboolean
read_styles (DcXlsx *xlsx, const char *part, GError **error)
{
  g_autoptr (DcZipXml) xml = dc_zip_xml_open (xlsx->zip, part, error);
  if (!xml)
    return FALSE;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  g_autoptr (GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);  /* id → is date + 1 */
  gboolean in_xfs = FALSE;
  int status;
  while ((status = dc_zip_xml_read (xml, error)) == 1) {
    if (is_element (reader, "numFmt")) {
      g_autofree char *id = attribute (reader, "numFmtId");
      g_autofree char *code = attribute (reader, "formatCode");
      guint n;
      if (id && code && parse_uint (id, G_MAXINT, &n))
        g_hash_table_insert (custom, GUINT_TO_POINTER (n),
                             GUINT_TO_POINTER (dc_xlsx_format_is_date (n, code) + 1));
    } else if (is_element (reader, "cellXfs")) {
      in_xfs = !xmlTextReaderIsEmptyElement (reader);
    } else if (is_end (reader, "cellXfs")) {
      in_xfs = FALSE;
    } else if (in_xfs && is_element (reader, "xf")) {
      g_autofree char *id = attribute (reader, "numFmtId");
      guint n = 0;
      guint8 is_date = FALSE;
      if (id && parse_uint (id, G_MAXINT, &n)) {
        gpointer known = g_hash_table_lookup (custom, GUINT_TO_POINTER (n));
        is_date = known ? (guint8) (GPOINTER_TO_UINT (known) - 1) : (guint8) dc_xlsx_format_is_date (n, NULL);
      }
      g_array_append_val (xlsx->xf_is_date, is_date);
    }
  }
  return status == 0;
}

/* Appends to OUT the text of the <t> elements under the current element
 * (<si> or <is>), leaving out phonetic runs (<rPh>: furigana). */
static gboolean
read_rich_text (DcXlsx *xlsx, DcZipXml *xml, GString *out, GError **error)
{
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;
  int depth = xmlTextReaderDepth (reader);
  int t_depth = -1, phonetic_depth = -1;
  int status;
  while ((status = dc_zip_xml_read (xml, error)) == 1) {
    int type = xmlTextReaderNodeType (reader);
    int d = xmlTextReaderDepth (reader);
    if (type == XML_READER_TYPE_END_ELEMENT) {
      if (d == depth)
        return TRUE;
      if (d == t_depth)
        t_depth = -1;
      if (d == phonetic_depth)
        phonetic_depth = -1;
    } else if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement (reader)) {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      if (g_str_equal (name, "rPh") && phonetic_depth < 0)
        phonetic_depth = d;
      else if (g_str_equal (name, "t") && t_depth < 0)
        t_depth = d;
    } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) &&
               t_depth >= 0 && phonetic_depth < 0) {
      g_string_append (out, (const char *) xmlTextReaderConstValue (reader));
    }
  }
  if (status == 0)
    fail (xlsx, error, DC_ERROR_INVALID, _ ("entry %s ends inside a string"), dc_zip_xml_name (xml));
  return FALSE;
}

static gboolean
read_shared_strings (DcXlsx *xlsx, const char *part, GError **error)
{
  g_autoptr (DcZipXml) xml = dc_zip_xml_open (xlsx->zip, part, error);
  if (!xml)
    return FALSE;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  g_autoptr (GString) text = g_string_new (NULL);
  int status;
  while ((status = dc_zip_xml_read (xml, error)) == 1) {
    if (is_element (reader, "si")) {
      g_string_truncate (text, 0);
      if (!read_rich_text (xlsx, xml, text, error))
        return FALSE;
      unescape_xstring (text);
      g_ptr_array_add (xlsx->sst, g_string_chunk_insert_len (xlsx->strings, text->str, text->len));
    }
  }
  return status == 0;
}

/* ---- opening ---- */

DcXlsx *
dc_xlsx_open (const char *path, GError **error)
{
  g_autoptr (DcXlsx) xlsx = g_new0 (DcXlsx, 1);
  xlsx->path = g_strdup (path);
  xlsx->sheet_names = g_ptr_array_new_with_free_func (g_free);
  xlsx->sheet_parts = g_ptr_array_new_with_free_func (g_free);
  xlsx->xf_is_date = g_array_new (FALSE, FALSE, sizeof (guint8));
  xlsx->strings = g_string_chunk_new (64 * 1024);
  xlsx->sst = g_ptr_array_new ();
  xlsx->merges = g_array_new (FALSE, FALSE, sizeof (DcCellRange));
  xlsx->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_cell_free);
  xlsx->value = g_string_new (NULL);
  xlsx->text = g_string_new (NULL);
  xlsx->selected = -1;
  xlsx->zip = dc_zip_open (path, error);
  if (!xlsx->zip)
    return NULL;

  g_autoptr (GPtrArray) package = read_relationships (xlsx, "", error);
  if (!package)
    return NULL;
  const char *workbook = find_by_type (package, "officeDocument");
  if (!workbook)
    workbook = "xl/workbook.xml";
  if (!dc_zip_has (xlsx->zip, workbook)) {
    fail (xlsx, error, DC_ERROR_INVALID, _ ("not an xlsx workbook (no %s)"), workbook);
    return NULL;
  }
  g_autoptr (GPtrArray) rels = read_relationships (xlsx, workbook, error);
  if (!rels || !read_workbook (xlsx, workbook, rels, error))
    return NULL;
  /* Some writers leave out the relationships of these two parts. */
  const char *styles = find_by_type (rels, "styles");
  if (!styles && dc_zip_has (xlsx->zip, "xl/styles.xml"))
    styles = "xl/styles.xml";
  if (styles && dc_zip_has (xlsx->zip, styles) && !read_styles (xlsx, styles, error))
    return NULL;
  const char *shared = find_by_type (rels, "sharedStrings");
  if (!shared && dc_zip_has (xlsx->zip, "xl/sharedStrings.xml"))
    shared = "xl/sharedStrings.xml";
  if (shared && dc_zip_has (xlsx->zip, shared) && !read_shared_strings (xlsx, shared, error))
    return NULL;
  return g_steal_pointer (&xlsx);
}

GStrv
dc_xlsx_sheet_names (DcXlsx *xlsx)
{
  GStrv names = g_new0 (char *, xlsx->sheet_names->len + 1);
  for (guint i = 0; i < xlsx->sheet_names->len; i++)
    names[i] = g_strdup (xlsx->sheet_names->pdata[i]);
  return names;
}

gboolean
dc_xlsx_date1904 (DcXlsx *xlsx)
{
  return xlsx->date1904;
}

const char *
dc_xlsx_sheet (DcXlsx *xlsx)
{
  return xlsx->selected >= 0 ? xlsx->sheet_names->pdata[xlsx->selected] : NULL;
}

GArray *
dc_xlsx_merges (DcXlsx *xlsx)
{
  return xlsx->merges;
}

static gboolean
sheet_not_found (DcXlsx *xlsx, GError **error, const char *wanted)
{
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint i = 0; i < xlsx->sheet_names->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) xlsx->sheet_names->pdata[i]);
  return fail (xlsx, error, DC_ERROR_NOT_FOUND, _ ("no sheet %s (the sheets are: %s)"), wanted, names->str);
}

static int
find_sheet (DcXlsx *xlsx, const char *name)
{
  for (guint i = 0; i < xlsx->sheet_names->len; i++)
    if (g_str_equal (xlsx->sheet_names->pdata[i], name))
      return i;
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < xlsx->sheet_names->len; i++) {
    g_autofree char *folded = g_utf8_casefold (xlsx->sheet_names->pdata[i], -1);
    if (g_str_equal (folded, wanted))
      return i;
  }
  return -1;
}

/* The first pass: <mergeCells> follows <sheetData>, so the sheet is read
 * once to the end (skipping the rows' subtree) before rows are streamed. */
static gboolean
read_merges (DcXlsx *xlsx, const char *part, GError **error)
{
  /* Most sheets have none: a look at the bytes spares them the XML pass. */
  gboolean any;
  if (!dc_zip_contains (xlsx->zip, part, "mergeCell", &any, error))
    return FALSE;
  if (!any)
    return TRUE;
  g_autoptr (DcZipXml) xml = dc_zip_xml_open (xlsx->zip, part, error);
  if (!xml)
    return FALSE;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xml);
  int status = dc_zip_xml_read (xml, error);
  while (status == 1) {
    if (is_element (reader, "sheetData")) {
      if (xmlTextReaderNext (reader) == 1)   /* now on the node after </sheetData> */
        continue;
      status = dc_zip_xml_read (xml, error);   /* the end, or the error */
      continue;
    }
    if (is_element (reader, "mergeCell")) {
      g_autofree char *ref = attribute (reader, "ref");
      g_auto (GStrv) ends = ref ? g_strsplit (ref, ":", 3) : NULL;
      DcCellRange range;
      if (!ends || !ends[0] || !ends[1] || ends[2] ||
          !dc_xlsx_parse_ref (ends[0], &range.first_col, &range.first_row) ||
          !dc_xlsx_parse_ref (ends[1], &range.last_col, &range.last_row) ||
          range.first_row == 0 || range.last_row < range.first_row || range.last_col < range.first_col)
        return fail (xlsx, error, DC_ERROR_INVALID, _ ("sheet %s: a merged range “%s” is not a range"),
                     (char *) xlsx->sheet_names->pdata[xlsx->selected],
                     ref && g_utf8_validate (ref, -1, NULL) ? ref : "?");
      g_array_append_val (xlsx->merges, range);
    }
    status = dc_zip_xml_read (xml, error);
  }
  return status == 0;
}

gboolean
dc_xlsx_select_sheet (DcXlsx *xlsx, const char *name, int index, GError **error)
{
  int chosen = 0;
  if (name) {
    chosen = find_sheet (xlsx, name);
    if (chosen < 0) {
      g_autofree char *quoted = g_strdup_printf ("“%s”", name);
      return sheet_not_found (xlsx, error, quoted);
    }
  } else if (index > 0) {
    if ((guint) index > xlsx->sheet_names->len) {
      g_autofree char *numbered = g_strdup_printf ("number %d", index);
      return sheet_not_found (xlsx, error, numbered);
    }
    chosen = index - 1;
  }
  g_clear_pointer (&xlsx->sheet, dc_zip_xml_close);
  g_array_set_size (xlsx->merges, 0);
  xlsx->selected = chosen;
  xlsx->done = FALSE;
  xlsx->row = 0;
  const char *part = xlsx->sheet_parts->pdata[chosen];
  if (!read_merges (xlsx, part, error))
    return FALSE;
  xlsx->sheet = dc_zip_xml_open (xlsx->zip, part, error);
  return xlsx->sheet != NULL;
}

/* ---- rows ---- */

static gboolean
cell_error (DcXlsx *xlsx, GError **error, guint column, guint row, const char *what)
{
  g_autofree char *letters = dc_column_letters (column);
  return fail (xlsx, error, DC_ERROR_INVALID, _ ("sheet %s, cell %s%u: %s"),
               (char *) xlsx->sheet_names->pdata[xlsx->selected], letters, row, what);
}

/* Builds the cell from its type attribute T, style index S and the text
 * of <v> (or of <is> for inline strings). */
static DcCell *
make_cell (DcXlsx *xlsx, const char *t, const char *s, gboolean has_value, guint column,
           GError **error)
{
  GString *v = xlsx->value;
  if (g_str_equal (t, "inlineStr") || g_str_equal (t, "str") || g_str_equal (t, "e")) {
    GString *text = g_str_equal (t, "inlineStr") ? xlsx->text : v;
    unescape_xstring (text);
    return dc_cell_new (text->len ? DC_CELL_STRING : DC_CELL_EMPTY, g_strdup (text->str), 0);
  }
  if (!has_value || v->len == 0)
    return dc_cell_new (DC_CELL_EMPTY, g_strdup (""), 0);
  if (g_str_equal (t, "s")) {
    guint index;
    if (!parse_uint (v->str, G_MAXUINT - 1, &index) || index >= xlsx->sst->len) {
      cell_error (xlsx, error, column, xlsx->row, _ ("refers to a shared string that does not exist"));
      return NULL;
    }
    const char *text = xlsx->sst->pdata[index];
    return dc_cell_new (*text ? DC_CELL_STRING : DC_CELL_EMPTY, g_strdup (text), 0);
  }
  if (g_str_equal (t, "b")) {
    gboolean yes = g_str_equal (v->str, "1") || g_ascii_strcasecmp (v->str, "true") == 0;
    return dc_cell_new (DC_CELL_BOOL, g_strdup (yes ? "TRUE" : "FALSE"), yes);
  }
  if (g_str_equal (t, "d")) {
    double serial;
    if (!iso_serial (v->str, xlsx->date1904, &serial)) {
      cell_error (xlsx, error, column, xlsx->row, _ ("is not an ISO date"));
      return NULL;
    }
    char *text = dc_xlsx_serial_text (serial, xlsx->date1904);
    return text ? dc_cell_new (DC_CELL_DATE, text, serial)
                : dc_cell_new (DC_CELL_NUMBER, dc_cell_number_text (serial), serial);
  }
  if (*t && !g_str_equal (t, "n")) {
    cell_error (xlsx, error, column, xlsx->row, _ ("has an unknown cell type"));
    return NULL;
  }
  char *end = NULL;
  double number = g_ascii_strtod (v->str, &end);
  if (end == v->str || *end || !isfinite (number)) {
    cell_error (xlsx, error, column, xlsx->row, _ ("is not a number"));
    return NULL;
  }
  guint style = 0;
  if (*s && parse_uint (s, G_MAXINT, &style) && style < xlsx->xf_is_date->len &&
      g_array_index (xlsx->xf_is_date, guint8, style)) {
    char *text = dc_xlsx_serial_text (number, xlsx->date1904);
    if (text)
      return dc_cell_new (DC_CELL_DATE, text, number);
  }
  return dc_cell_new (DC_CELL_NUMBER, dc_cell_number_text (number), number);
}

/* Reads one <c> (positioned on its start) and places it in xlsx->cells. */
static gboolean
read_cell (DcXlsx *xlsx, int *previous_column, GError **error)
{
  static const char *const names[] = { "r", "t", "s" };
  char attrs[3][16];
  xmlTextReaderPtr reader = dc_zip_xml_reader (xlsx->sheet);
  small_attributes (reader, names, 3, attrs);
  guint column = *previous_column + 1, ref_row;
  if (attrs[0][0] && (!dc_xlsx_parse_ref (attrs[0], &column, &ref_row) || ref_row != xlsx->row))
    return cell_error (xlsx, error, *previous_column + 1, xlsx->row, _ ("has a reference that is not in its row"));
  if (column >= MAX_COLUMNS)
    return cell_error (xlsx, error, MAX_COLUMNS - 1, xlsx->row, _ ("lies beyond column XFD"));
  *previous_column = column;
  g_string_truncate (xlsx->value, 0);
  g_string_truncate (xlsx->text, 0);
  gboolean has_value = FALSE;
  if (!xmlTextReaderIsEmptyElement (reader)) {
    int depth = xmlTextReaderDepth (reader), v_depth = -1, status;
    while ((status = dc_zip_xml_read (xlsx->sheet, error)) == 1) {
      int type = xmlTextReaderNodeType (reader);
      int d = xmlTextReaderDepth (reader);
      if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
        break;
      if (type == XML_READER_TYPE_END_ELEMENT && d == v_depth) {
        v_depth = -1;
      } else if (is_element (reader, "v")) {
        has_value = TRUE;
        if (!xmlTextReaderIsEmptyElement (reader))
          v_depth = d;
      } else if (is_element (reader, "is")) {
        if (!read_rich_text (xlsx, xlsx->sheet, xlsx->text, error))
          return FALSE;
      } else if (v_depth >= 0 && type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_COMMENT) {
        g_string_append (xlsx->value, (const char *) xmlTextReaderConstValue (reader));
      }
    }
    if (status <= 0)
      return status == 0 ? cell_error (xlsx, error, column, xlsx->row, _ ("is not closed")) : FALSE;
  }
  DcCell *cell = make_cell (xlsx, attrs[1], attrs[2], has_value, column, error);
  if (!cell)
    return FALSE;
  /* Missing cells before this one are empty, so that index = column. */
  while (xlsx->cells->len <= column)
    g_ptr_array_add (xlsx->cells, dc_cell_new (DC_CELL_EMPTY, g_strdup (""), 0));
  dc_cell_free (xlsx->cells->pdata[column]);
  xlsx->cells->pdata[column] = cell;
  return TRUE;
}

gboolean
dc_xlsx_next_row (DcXlsx *xlsx, GPtrArray **cells, guint *row, GError **error)
{
  g_return_val_if_fail (xlsx->sheet, FALSE);
  g_ptr_array_set_size (xlsx->cells, 0);
  if (xlsx->done)
    return FALSE;
  xmlTextReaderPtr reader = dc_zip_xml_reader (xlsx->sheet);
  gboolean in_row = FALSE;
  int previous_column = -1, status;
  while ((status = dc_zip_xml_read (xlsx->sheet, error)) == 1) {
    if (is_element (reader, "row")) {
      static const char *const names[] = { "r" };
      char attrs[1][16];
      small_attributes (reader, names, 1, attrs);
      guint r = xlsx->row + 1;
      if (attrs[0][0] && (!parse_uint (attrs[0], MAX_ROWS, &r) || r == 0))
        return cell_error (xlsx, error, 0, xlsx->row + 1, _ ("the row number is not valid"));
      xlsx->row = r;
      previous_column = -1;
      in_row = TRUE;
      if (xmlTextReaderIsEmptyElement (reader))
        break;
    } else if (in_row && is_element (reader, "c")) {
      if (!read_cell (xlsx, &previous_column, error))
        return FALSE;
    } else if (in_row && is_end (reader, "row")) {
      break;
    } else if (is_end (reader, "sheetData")) {
      status = 0;
      break;
    }
  }
  if (status < 0)
    return FALSE;
  if (status == 0 && !in_row) {
    xlsx->done = TRUE;
    return FALSE;
  }
  *cells = xlsx->cells;
  if (row)
    *row = xlsx->row;
  return TRUE;
}

void
dc_xlsx_free (DcXlsx *xlsx)
{
  if (!xlsx)
    return;
  g_clear_pointer (&xlsx->sheet, dc_zip_xml_close);
  g_clear_pointer (&xlsx->zip, dc_zip_free);
  g_ptr_array_unref (xlsx->sheet_names);
  g_ptr_array_unref (xlsx->sheet_parts);
  g_array_unref (xlsx->xf_is_date);
  g_string_chunk_free (xlsx->strings);
  g_ptr_array_unref (xlsx->sst);
  g_array_unref (xlsx->merges);
  g_ptr_array_unref (xlsx->cells);
  g_string_free (xlsx->value, TRUE);
  g_string_free (xlsx->text, TRUE);
  g_free (xlsx->path);
  g_free (xlsx);
}
