/* Error domains and the error kinds every daicho domain shares. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Every domain uses these codes, so a caller maps any daicho error to an
 * outcome (the CLI's exit code) without knowing which module raised it. */
typedef enum {
  DC_ERROR_INVALID = 1,   /* bad input: unknown value, malformed field */
  DC_ERROR_NOT_FOUND,     /* a named entity does not exist */
  DC_ERROR_CONFLICT,      /* duplicate key, stale version, overlapping range */
  DC_ERROR_DATABASE,      /* SQLite failed, or the file is not a register */
  DC_ERROR_VERSION,       /* the register was written by a newer daicho */
  DC_ERROR_TAMPERED,      /* history or state does not verify */
  DC_ERROR_IO             /* a file could not be read or written */
} DcErrorCode;

#define DC_STORE_ERROR   (dc_store_error_quark ())
#define DC_SCHEME_ERROR  (dc_scheme_error_quark ())
#define DC_ORG_ERROR     (dc_org_error_quark ())
#define DC_ASSET_ERROR   (dc_asset_error_quark ())
#define DC_HISTORY_ERROR (dc_history_error_quark ())
#define DC_INPUT_ERROR   (dc_input_error_quark ())
#define DC_CSV_ERROR     (dc_csv_error_quark ())
#define DC_XLSX_ERROR    (dc_xlsx_error_quark ())
#define DC_XML_ERROR     (dc_xml_error_quark ())
#define DC_LDIF_ERROR    (dc_ldif_error_quark ())
#define DC_REVIEW_ERROR  (dc_review_error_quark ())
#define DC_DUTY_ERROR    (dc_duty_error_quark ())
#define DC_RISK_ERROR    (dc_risk_error_quark ())
#define DC_THREAT_ERROR  (dc_threat_error_quark ())
#define DC_BACKUP_ERROR  (dc_backup_error_quark ())

GQuark dc_store_error_quark (void);
GQuark dc_scheme_error_quark (void);
GQuark dc_org_error_quark (void);
GQuark dc_asset_error_quark (void);
GQuark dc_history_error_quark (void);
GQuark dc_input_error_quark (void);
GQuark dc_csv_error_quark (void);
GQuark dc_xlsx_error_quark (void);
GQuark dc_xml_error_quark (void);
GQuark dc_ldif_error_quark (void);
GQuark dc_review_error_quark (void);
GQuark dc_duty_error_quark (void);
GQuark dc_risk_error_quark (void);
GQuark dc_threat_error_quark (void);
GQuark dc_backup_error_quark (void);

G_END_DECLS
