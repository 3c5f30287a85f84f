/* Records of the register (sections, posts, persons, systems, assets)
 * described by field tables, so one engine checks, stores and reads them all. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef enum {
  DC_FIELD_TEXT,   /* free text */
  DC_FIELD_DATE,   /* YYYY-MM-DD */
  DC_FIELD_ENUM,   /* one of a fixed set of codes, with Japanese synonyms */
  DC_FIELD_REF,    /* another record, given by code or by unique name */
  DC_FIELD_LEVEL,  /* a level of the register's scheme for one property */
  DC_FIELD_TYPE,   /* an asset type of the register's scheme */
  DC_FIELD_INT,    /* a number the library maintains (version) */
  DC_FIELD_LIST    /* names (privileges, users): typed one per line or separated by
                      ; 、 | , — stored as a JSON array of strings */
} DcFieldKind;

typedef enum {
  DC_FIELD_KEY = 1 << 0,       /* the user-visible, immutable key */
  DC_FIELD_REQUIRED = 1 << 1,  /* must be given when adding */
  DC_FIELD_MANAGED = 1 << 2,   /* set by the library, never by an edit */
  DC_FIELD_UNIQUE = 1 << 3     /* no two records have the same value (NULL aside) */
} DcFieldFlags;

/* An enum value: the stored code, its Japanese and English display names,
 * and further words people write for it ("|"-separated). */
typedef struct {
  const char *code;
  const char *ja;
  const char *en;
  const char *synonyms;
} DcEnumValue;

typedef struct {
  const char *name;       /* API, CLI and JSON name: "section" */
  const char *column;     /* SQL column: "section_id" */
  DcFieldKind kind;
  guint flags;
  const char *ja;         /* Japanese header: "所管課" */
  const char *en;         /* English header: "Section" */
  const char *ref;        /* DC_FIELD_REF: the record kind's entity name */
  char property;          /* DC_FIELD_LEVEL: 'C', 'I' or 'A' */
  const DcEnumValue *values; /* DC_FIELD_ENUM: terminated by a NULL code */
} DcField;

typedef struct {
  const char *entity;     /* history entity name: "asset" */
  const char *table;
  const char *ja;         /* "情報資産" */
  const DcField *fields;
  guint n_fields;
} DcRecordKind;

extern const DcRecordKind dc_section_kind;
extern const DcRecordKind dc_post_kind;
extern const DcRecordKind dc_person_kind;
extern const DcRecordKind dc_system_kind;
extern const DcRecordKind dc_asset_kind;

const DcRecordKind *dc_record_kind_find (const char *entity);
/* The entity as a word in messages: "asset", 「情報資産」 under a Japanese locale. */
const char *dc_record_kind_word (const DcRecordKind *kind);
const DcField      *dc_record_kind_field (const DcRecordKind *kind, const char *name);
const DcField      *dc_record_kind_key (const DcRecordKind *kind);
/* The value of ENUM field FIELD that TEXT names (code, Japanese or English
 * name, or a synonym, after NFKC): for what people type. */
const DcEnumValue  *dc_enum_find (const DcField *field, const char *text);
/* The value whose code is exactly CODE: for stored values. */
const DcEnumValue  *dc_enum_by_code (const DcField *field, const char *code);

/* A record's values as text: codes for references, labels for levels, codes
 * for types and enums. NULL means "not given" (in an edit) or SQL NULL. */
typedef struct {
  const DcRecordKind *kind;
  char **values;    /* n_fields entries */
  char **display;   /* on read: names of references, levels, types and enums */
  gboolean borrowed; /* dc_record_foreach's: the strings are not the record's */
} DcRecord;

DcRecord   *dc_record_new (const DcRecordKind *kind);
void        dc_record_free (DcRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcRecord, dc_record_free)

/* Sets a value by field name; FALSE (DC_ERROR_INVALID) for an unknown name. */
gboolean    dc_record_set (DcRecord *record, const char *field, const char *value, GError **error);
const char *dc_record_get (const DcRecord *record, const char *field);
const char *dc_record_display (const DcRecord *record, const char *field);
const char *dc_record_key (const DcRecord *record);

/* Checks VALUE for FIELD as dc_record_insert would (reference exists, level
 * in the scheme, date, ...), without writing. */
gboolean    dc_record_check_value (DcStore *store, const DcField *field, const char *value,
                                   GError **error);

/* VALUE as FIELD's column stores it, as text: the enum's code, the ISO date,
 * a list's JSON array, a reference's or level's row id; NULL with ERROR when
 * the value is not allowed, NULL without an error for an empty optional value. */
char       *dc_record_stored_value (DcStore *store, const DcField *field, const char *value,
                                    GError **error);

/* Inserts RECORD, checking every value against the register (references,
 * levels, types, enums, dates) and naming the allowed values on error.
 * Call inside dc_change(). */
gboolean    dc_record_insert (DcStore *store, const DcRecord *record, GError **error);

/* Updates the given (non-NULL) fields of the record with key KEY. */
gboolean    dc_record_update (DcStore *store, const char *key, const DcRecord *changes,
                              GError **error);

/* Updates the given fields of the record KEY, managed ones included, in one
 * statement (for the library's own changes: status, disposal, review dates). */
gboolean    dc_record_update_managed (DcStore *store, const char *key, const DcRecord *changes,
                                      GError **error);

/* Adds a record, or edits the given fields of one, in one transaction with
 * one history entry. KEY may be the code or a unique name. */
gboolean    dc_record_add (DcStore *store, const DcRecord *record, GError **error);
gboolean    dc_record_edit (DcStore *store, const char *key, const DcRecord *changes,
                            GError **error);

/* The code CODE names: itself when it exists, else the one existing code that
 * differs from it only in width or case (Ａ－０００１ for A-0001); NULL when
 * there is none or several. */
char       *dc_record_find_code (DcStore *store, const DcRecordKind *kind, const char *code,
                                 GError **error);

/* For bulk adds inside one transaction (an import): keeps the match keys of
 * KIND's codes beside the store, so that finding a code and refusing a
 * look-alike no longer read every code each time. Records added through
 * dc_record_add are noted in it. Unindex before the transaction ends. */
gboolean    dc_record_index_codes (DcStore *store, const DcRecordKind *kind, GError **error);
void        dc_record_unindex_codes (DcStore *store, const DcRecordKind *kind);

/* For bulk work (an import): from dc_record_memo_begin to dc_record_memo_end,
 * what a user typed for a reference, level, asset type, enumeration or date
 * field is resolved once and remembered beside the store, instead of on every
 * row and again when the row is inserted (on a server each is a round trip).
 * Only successes are remembered: a wrong value is looked at each time, so each
 * row gets its own message. A record the record engine inserts or updates
 * forgets the references to its kind (dc_record_memo_forget); the caller must
 * change references of other ways (sections, posts and systems through their
 * own modules, the scheme) only outside the two calls. Not nested: the inner
 * end would end both. */
void        dc_record_memo_begin (DcStore *store);
void        dc_record_memo_end (DcStore *store);
/* Forgets what was remembered of references to records of KIND (no-op when
 * no memo is running). */
void        dc_record_memo_forget (DcStore *store, const DcRecordKind *kind);

/* Reads one record; DC_ERROR_NOT_FOUND when there is none. */
DcRecord   *dc_record_get_one (DcStore *store, const DcRecordKind *kind, const char *key,
                               GError **error);

/* A list filter: equality on fields, minimum level (rank) on level fields. A
 * section given to a section reference includes its subsections. */
typedef struct {
  const char *field;
  const char *value;
  gboolean at_least;    /* levels: rank >= the given level's rank */
} DcCondition;

/* RECORD and its strings are valid during the call only; copy what you keep. */
typedef gboolean (*DcRecordFunc) (const DcRecord *record, gpointer user_data, GError **error);

gboolean    dc_record_foreach (DcStore *store, const DcRecordKind *kind,
                               const DcCondition *conditions, guint n_conditions,
                               DcRecordFunc func, gpointer user_data, GError **error);
GPtrArray  *dc_record_list (DcStore *store, const DcRecordKind *kind,
                            const DcCondition *conditions, guint n_conditions, GError **error);

/* How many records match, per value of FIELD (codes for references; "" for
 * none): value → GINT_TO_POINTER (count). */
GHashTable *dc_record_count_by (DcStore *store, const DcRecordKind *kind,
                                const DcCondition *conditions, guint n_conditions,
                                const char *field, GError **error);

/* Resolves what a user typed for a reference (code, or name when unique) to
 * the record's id; the error names the allowed values. */
gint64      dc_record_resolve (DcStore *store, const DcRecordKind *kind, const char *text,
                               GError **error);
/* The same, with the record's code into *CODE when CODE is not NULL. */
gint64      dc_record_resolve_with_code (DcStore *store, const DcRecordKind *kind, const char *text,
                                         char **code, GError **error);
/* The same, returning the code. */
char       *dc_record_resolve_code (DcStore *store, const DcRecordKind *kind, const char *text,
                                    GError **error);
/* Resolves what a user typed for a level of the LEVEL field FIELD ("3", "３",
 * "課外秘", "3 課外秘") to the level's id; the error lists the levels. */
gint64      dc_record_resolve_level (DcStore *store, const DcField *field, const char *text,
                                     GError **error);

G_END_DECLS
