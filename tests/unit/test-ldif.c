#include "readers.h"

static void
test_directory_export (void)
{
  g_autofree char *path = fixture ("ldif/directory.ldif");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLdif) ldif = dc_ldif_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (DcLdifEntry) first = NULL;
  CU_ASSERT_TRUE_FATAL (dc_ldif_next (ldif, &first, &error));
  CU_ASSERT_STRING_EQUAL (first->dn, "CN=住宅 一郎,OU=住宅課,DC=test-city,DC=lg,DC=jp");
  CU_ASSERT_EQUAL (first->line, 5);
  const GPtrArray *cn = dc_ldif_entry_values (first, "CN");
  CU_ASSERT_TRUE_FATAL (cn && cn->len == 1);
  CU_ASSERT_STRING_EQUAL (cn->pdata[0], "住宅 一郎");
  const GPtrArray *employee = dc_ldif_entry_values (first, "employeeID");
  CU_ASSERT_STRING_EQUAL (employee->pdata[0], "000101");
  /* Folded base64, unfolded then decoded. */
  const GPtrArray *description = dc_ldif_entry_values (first, "description");
  CU_ASSERT_STRING_EQUAL (description->pdata[0],
                          "住宅課の管理係に所属する職員。入居者台帳と住民票写し交付簿を担当する。");
  /* Multi-valued, across a folded line, a comment and a change of case. */
  const GPtrArray *groups = dc_ldif_entry_values (first, "memberof");
  CU_ASSERT_EQUAL_FATAL (groups->len, 3);
  CU_ASSERT_STRING_EQUAL (groups->pdata[0], "CN=GG-Jutaku,OU=Groups,DC=test-city,DC=lg,DC=jp");
  CU_ASSERT_STRING_EQUAL (groups->pdata[1], "CN=GG-All-Staff,OU=Groups,DC=test-city,DC=lg,DC=jp");
  CU_ASSERT_STRING_EQUAL (groups->pdata[2], "CN=VPN-Users,OU=Groups,DC=test-city,DC=lg,DC=jp");
  const GPtrArray *classes = dc_ldif_entry_values (first, "objectClass");
  CU_ASSERT_EQUAL (classes->len, 3);
  /* Binary values stay base64. */
  const GPtrArray *guid = dc_ldif_entry_values (first, "objectGUID");
  CU_ASSERT_STRING_EQUAL (guid->pdata[0], "jwD/ECIzRFVmd4iZqrvM3Q==");
  gboolean binary = FALSE;
  for (guint i = 0; i < first->attributes->len; i++) {
    DcLdifAttribute *attribute = first->attributes->pdata[i];
    if (g_str_equal (attribute->name, "objectGUID"))
      binary = attribute->is_binary;
    else
      CU_ASSERT_FALSE (attribute->is_binary);
  }
  CU_ASSERT_TRUE (binary);
  CU_ASSERT_PTR_NULL (dc_ldif_entry_values (first, "mail"));

  g_autoptr (DcLdifEntry) second = NULL;
  CU_ASSERT_TRUE_FATAL (dc_ldif_next (ldif, &second, &error));
  CU_ASSERT_STRING_EQUAL (second->dn, "CN=svc-backup,OU=Service,DC=test-city,DC=lg,DC=jp");
  CU_ASSERT_EQUAL (second->line, 23);
  CU_ASSERT_STRING_EQUAL (dc_ldif_entry_values (second, "userAccountControl")->pdata[0], "66048");
  DcLdifEntry *none = NULL;
  CU_ASSERT_FALSE (dc_ldif_next (ldif, &none, &error));
  g_assert_no_error (error);
}

static void
test_errors (void)
{
  static const struct { const char *file, *says; } files[] = {
    { "ldif/bad-base64.ldif", "line 2: the base64 value" },
    { "ldif/no-dn.ldif", "line 3: an entry must begin with “dn:”" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autofree char *path = fixture (files[i].file);
    g_autoptr (GError) error = NULL;
    g_autoptr (DcLdif) ldif = dc_ldif_open (path, &error);
    g_assert_no_error (error);
    g_autoptr (DcLdifEntry) entry = NULL;
    CU_ASSERT_FALSE (dc_ldif_next (ldif, &entry, &error));
    CU_ASSERT_TRUE (error_says (error, DC_LDIF_ERROR, DC_ERROR_INVALID, files[i].file, files[i].says, NULL));
  }
  static const struct { const char *text, *says; } texts[] = {
    { "dn: cn=a\ncn: \xff\n", "line 2: the value is not UTF-8" },
    { "dn: cn=a\njpegPhoto:< file:///etc/passwd\n", "line 2: values given by URL" },
    { "dn: cn=a\nno colon here\n", "line 2: not an “attribute: value” line" },
    { "dn:: /w==\n", "line 1: the dn is not UTF-8" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcLdif) ldif = dc_ldif_new_from_data ("mem.ldif", texts[i].text, strlen (texts[i].text), &error);
    g_autoptr (DcLdifEntry) entry = NULL;
    CU_ASSERT_FALSE (dc_ldif_next (ldif, &entry, &error));
    CU_ASSERT_TRUE (error_says (error, DC_LDIF_ERROR, DC_ERROR_INVALID, "mem.ldif", texts[i].says, NULL));
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLdif) missing = dc_ldif_open ("/nonexistent.ldif", &error);
  CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_IO, "/nonexistent.ldif", NULL));
}

static void
test_crlf_and_binary_after_text (void)
{
  static const char text[] = "dn: cn=a\r\nphoto: plain\r\nphoto:: /wA=\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLdif) ldif = dc_ldif_new_from_data ("crlf", text, sizeof text - 1, &error);
  g_autoptr (DcLdifEntry) entry = NULL;
  CU_ASSERT_TRUE_FATAL (dc_ldif_next (ldif, &entry, &error));
  CU_ASSERT_STRING_EQUAL (entry->dn, "cn=a");
  /* Once a value is binary, every value of the attribute is base64. */
  const GPtrArray *photo = dc_ldif_entry_values (entry, "photo");
  CU_ASSERT_STRING_EQUAL (photo->pdata[0], "cGxhaW4=");
  CU_ASSERT_STRING_EQUAL (photo->pdata[1], "/wA=");
}

TEST_MAIN ("ldif",
           { "a directory export: base64, folding, comments, multi-values", test_directory_export },
           { "bad base64, missing dn, non-UTF-8, URLs are errors with lines", test_errors },
           { "CRLF line ends; binary values keep an attribute base64", test_crlf_and_binary_after_text })
