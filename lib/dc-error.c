#include "dc-error.h"

G_DEFINE_QUARK (dc-store-error-quark, dc_store_error)
G_DEFINE_QUARK (dc-scheme-error-quark, dc_scheme_error)
G_DEFINE_QUARK (dc-org-error-quark, dc_org_error)
G_DEFINE_QUARK (dc-asset-error-quark, dc_asset_error)
G_DEFINE_QUARK (dc-history-error-quark, dc_history_error)
G_DEFINE_QUARK (dc-input-error-quark, dc_input_error)
