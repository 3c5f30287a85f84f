#include "dc-error.h"

G_DEFINE_QUARK (dc-store-error-quark, dc_store_error)
G_DEFINE_QUARK (dc-scheme-error-quark, dc_scheme_error)
G_DEFINE_QUARK (dc-org-error-quark, dc_org_error)
G_DEFINE_QUARK (dc-asset-error-quark, dc_asset_error)
G_DEFINE_QUARK (dc-history-error-quark, dc_history_error)
G_DEFINE_QUARK (dc-input-error-quark, dc_input_error)
G_DEFINE_QUARK (dc-csv-error-quark, dc_csv_error)
G_DEFINE_QUARK (dc-xlsx-error-quark, dc_xlsx_error)
G_DEFINE_QUARK (dc-xml-error-quark, dc_xml_error)
G_DEFINE_QUARK (dc-ldif-error-quark, dc_ldif_error)
G_DEFINE_QUARK (dc-review-error-quark, dc_review_error)
G_DEFINE_QUARK (dc-duty-error-quark, dc_duty_error)
