/* Classification schemes: C/I/A levels, asset types, the 重要度 rule. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  char property;        /* 'C', 'I', 'A' */
  char *label;          /* "2B" */
  int rank;             /* 1 = lowest */
  char *name;           /* "課外秘" */
  char *name_en;
  int value;            /* weight used in arithmetic */
  char *description;
  GHashTable *definitions; /* type code → definition text */
} DcLevel;

typedef struct {
  char *code;           /* "data" */
  char *name;           /* "データ" */
  char *name_en;
  char *description;
} DcAssetType;

typedef struct {
  char code;
  char *name;           /* "機密性" */
  char *name_en;
  GPtrArray *levels;    /* DcLevel*, lowest first */
} DcProperty;

typedef enum { DC_VALUE_MAX, DC_VALUE_SUM, DC_VALUE_PRODUCT } DcValueRule;

/* Bounds that keep counts and products of level values in range. */
#define DC_SCHEME_MAX_LEVELS 16
#define DC_SCHEME_MAX_VALUE 1000

typedef struct {
  char *name;
  char *title;
  char *source;
  DcValueRule value_rule;
  char *handling_mark;
  char *handling_threshold;  /* C label from which the mark applies, or "" */
  GPtrArray *types;          /* DcAssetType* in display order */
  DcProperty properties[3];  /* C, I, A */
  char *definition;          /* the scheme file's text, [risk ...] groups included:
                              * lib/risk reads those (dc_risk_method_from_scheme) */
} DcScheme;

void       dc_scheme_free (DcScheme *scheme);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcScheme, dc_scheme_free)

/* Parses a scheme file's text; ORIGIN names it in errors. */
DcScheme  *dc_scheme_parse (const char *text, gsize length, const char *origin, GError **error);
/* A preset name (chitose, soumu, ipa) or the path of a scheme file. */
DcScheme  *dc_scheme_load (const char *name_or_path, GError **error);
/* The names of the presets built in. */
GStrv      dc_scheme_preset_names (void);

/* Copies the scheme into an empty register (inside the caller's change). */
gboolean   dc_scheme_install (DcStore *store, const DcScheme *scheme, GError **error);
/* The register's own scheme. */
DcScheme  *dc_scheme_from_store (DcStore *store, GError **error);

const DcProperty *dc_scheme_property (const DcScheme *scheme, char property);
const DcLevel    *dc_scheme_level (const DcScheme *scheme, char property, const char *label);
const DcAssetType *dc_scheme_type (const DcScheme *scheme, const char *code);

/* What remains of a level as people write it once the property is taken off
 * and a Roman numeral is made a number, as a match key: 機密性3, 機密性：3,
 * C3, c-3 → "3"; 完全性：高 → "高"; Ⅲ, III, ⅲ, 機密性Ⅱ → "3", "3", "3", "2".
 * PROPERTY is 'C', 'I' or 'A'; NAMES (NULL-terminated, may hold NULLs to
 * skip) the property's names (機密性, Confidentiality). The letter is taken
 * off only before a digit, so "II" stays a numeral. A new string, never NULL. */
char             *dc_scheme_level_key (const char *text, char property, const char *const *names);
const char       *dc_value_rule_name (DcValueRule rule);

/* 重要度: the rule applied to the levels' values. */
int        dc_scheme_asset_value (const DcScheme *scheme, const DcLevel *c, const DcLevel *i,
                                  const DcLevel *a);
/* The distinct values of the scheme's levels (C, I and A), ascending: int. */
GArray    *dc_scheme_level_values (const DcScheme *scheme);
/* TRUE when an asset of confidentiality C carries the handling mark. */
gboolean   dc_scheme_needs_mark (const DcScheme *scheme, const DcLevel *c);

/* A level of a register's scheme, or one of its asset types, as input is
 * matched against it: the match keys (dc_text_match_key) of the forms a user
 * may type, computed once. */
typedef struct {
  gint64 id;          /* a level's id; 0 for an asset type */
  char *code;         /* an asset type's code; NULL for a level */
  char *shown;        /* what a list of the allowed values shows: "3 課外秘"; a type's code */
  char *shown_name;   /* an asset type's name, shown beside its code; NULL for a level */
  char *keys[4];      /* of label, name, "label name", "labelname"; of code, name, name_en */
} DcSchemeChoice;

typedef struct {
  GPtrArray *choices;          /* of DcSchemeChoice, in the scheme's order */
  char *property_names[2];     /* a level's property: 機密性, Confidentiality */
} DcSchemeChoices;

/* The levels of PROPERTY ('C', 'I', 'A') or, for 0, the asset types of the
 * register STORE, read once and kept with the store, which owns them
 * (dc_scheme_install, which writes them, forgets them). Reads only; NULL
 * with the store's error. */
const DcSchemeChoices *dc_scheme_choices (DcStore *store, char property, GError **error);
/* Whether KEY (a match key) is one of CHOICE's forms. */
gboolean          dc_scheme_choice_matches (const DcSchemeChoice *choice, const char *key);

G_END_DECLS
