/* Threat catalogues (脅威カタログ): the threats an office assesses for each
 * asset, the property each harms and the asset types it applies to. Files in
 * schema/threats/ are built in; a register keeps a copy of the one it uses. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  char *code;          /* "T01" */
  char *name;          /* "不正アクセスによる情報漏えい" */
  char *name_en;
  char property;       /* 'C' leakage, 'I' tampering or error, 'A' outage or loss */
  GStrv types;         /* asset type codes; NULL: every type ("*") */
  int likelihood;      /* default 起こりやすさ */
  int vulnerability;   /* default 脆弱性, until someone rates the asset's controls */
  char *description;
  char *controls;      /* typical controls, a starting point for treatment */
} DcThreat;

typedef struct {
  char *name;
  char *version;
  char *title;
  char *source;
  GPtrArray *threats;  /* DcThreat*, in file order */
  char *definition;    /* the file's text */
  char *sha256;        /* of the definition */
} DcThreatCatalogue;

void dc_threat_catalogue_free (DcThreatCatalogue *catalogue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcThreatCatalogue, dc_threat_catalogue_free)

/* The catalogue shipped for registers that have not chosen one. */
#define DC_THREAT_DEFAULT_CATALOGUE "standard"

DcThreatCatalogue *dc_threat_catalogue_parse (const char *text, gsize length, const char *origin,
                                              GError **error);
/* A built-in catalogue's name or a file's path. */
DcThreatCatalogue *dc_threat_catalogue_load (const char *name_or_path, GError **error);
GStrv              dc_threat_catalogue_names (void);

const DcThreat    *dc_threat_catalogue_find (const DcThreatCatalogue *catalogue, const char *code);
gboolean           dc_threat_applies (const DcThreat *threat, const char *type);

/* The register's catalogue; when it has none yet, the default one, with
 * *INSTALLED FALSE. */
DcThreatCatalogue *dc_threat_catalogue_from_store (DcStore *store, gboolean *installed,
                                                   GError **error);
/* Copies CATALOGUE into the register, replacing the one it had: one history
 * entry ("threat_catalogue"). Risks and runs keep what they recorded. */
gboolean           dc_threat_catalogue_install (DcStore *store, const DcThreatCatalogue *catalogue,
                                                GError **error);

G_END_DECLS
