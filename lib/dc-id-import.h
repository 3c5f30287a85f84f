/* Importing an ID register (ID管理簿) that offices keep in Excel: the login
 * IDs of one system with their holders, kinds, privileges and approvals. */
#pragma once
#include "import/dc-import-assets.h"

G_BEGIN_DECLS

/* The header words understood for each entry field (Japanese and English). */
extern const DcHeaderSynonyms dc_id_header_synonyms[];

/* Imports PATH into the ID register of SYSTEM (code or name), each entry one
 * history entry, the whole file in one transaction or nothing: FALSE with
 * every problem in REPORT (DC_ERROR_CONFLICT when they are all logins already
 * in the register). */
gboolean dc_id_import (DcStore *store, const char *system, const char *path,
                       const DcImportOptions *options, DcImportAssetsReport *report, GError **error);

G_END_DECLS
