#include "audit/dc-words.h"
#include "base/dc-date.h"
#include "ids/dc-finding.h"
#include "base/dc-i18n.h"
#include "base/dc-json.h"
#include "ids/dc-id.h"
#include "risk/dc-protection.h"
#include "model/dc-record.h"
#include "review/dc-review.h"
#include "risk/dc-risk.h"
#include "ids/dc-stocktake.h"

#include <string.h>

/* The fields of the history's snapshots that are no field of a record kind
 * (lib/dc-snapshot.c): the record kinds' own fields take their headers. */
static const char *const field_words[] G_GNUC_UNUSED = {
  /* scheme, setting */
  NC_ ("field", "title"), NC_ ("field", "source"), NC_ ("field", "value_rule"),
  NC_ ("field", "handling_mark"), NC_ ("field", "handling_threshold"), NC_ ("field", "definition"),
  NC_ ("field", "types"), NC_ ("field", "levels"), NC_ ("field", "properties"),
  NC_ ("field", "key"), NC_ ("field", "value"), NC_ ("field", "name"), NC_ ("field", "code"),
  /* section, post, asset */
  NC_ ("field", "head_post"), NC_ ("field", "assignments"), NC_ ("field", "employee_no"),
  NC_ ("field", "from"), NC_ ("field", "to"), NC_ ("field", "depends_on"),
  /* reconcile_run, reconcile_decision */
  NC_ ("field", "run"), NC_ ("field", "system"), NC_ ("field", "export_file"),
  NC_ ("field", "export_sha256"), NC_ ("field", "export_rows"), NC_ ("field", "register_entries"),
  NC_ ("field", "profile"), NC_ ("field", "profile_sha256"), NC_ ("field", "as_of"),
  NC_ ("field", "dormant_days"), NC_ ("field", "operator"), NC_ ("field", "run_at"),
  NC_ ("field", "counts"), NC_ ("field", "notes"), NC_ ("field", "findings"),
  NC_ ("field", "findings_digest"), NC_ ("field", "checked_post"), NC_ ("field", "checked_person"),
  NC_ ("field", "signoff_post"), NC_ ("field", "signoff_person"), NC_ ("field", "signoff_on"),
  NC_ ("field", "finding"), NC_ ("field", "kind"), NC_ ("field", "login_id"), NC_ ("field", "decision"),
  NC_ ("field", "note"), NC_ ("field", "until"), NC_ ("field", "decided_by"), NC_ ("field", "decided_on"),
  /* review_campaign, review_return, review_item */
  NC_ ("field", "fiscal_year"), NC_ ("field", "opened_on"), NC_ ("field", "due_on"),
  NC_ ("field", "status"), NC_ ("field", "closed_on"), NC_ ("field", "closed_by"),
  NC_ ("field", "section"), NC_ ("field", "file_name"), NC_ ("field", "sha256"),
  NC_ ("field", "reviewer"), NC_ ("field", "reviewed_on"), NC_ ("field", "imported_on"),
  NC_ ("field", "partial"), NC_ ("field", "asset"), NC_ ("field", "state"), NC_ ("field", "comment"),
  NC_ ("field", "return"), NC_ ("field", "new_row"),
  /* duty_done */
  NC_ ("field", "duty"), NC_ ("field", "done_on"), NC_ ("field", "post"), NC_ ("field", "person"),
  NC_ ("field", "recorded_on"),
  /* risk_method, threat_catalogue, risk_override, risk, risk_run */
  NC_ ("field", "method"), NC_ ("field", "set_on"), NC_ ("field", "version"),
  NC_ ("field", "installed_on"), NC_ ("field", "property"), NC_ ("field", "level"),
  NC_ ("field", "effect"), NC_ ("field", "reason"), NC_ ("field", "threat"), NC_ ("field", "threat_name"),
  NC_ ("field", "applicable"), NC_ ("field", "not_applicable_reason"), NC_ ("field", "likelihood"),
  NC_ ("field", "vulnerability"), NC_ ("field", "likelihood_set"), NC_ ("field", "vulnerability_set"),
  NC_ ("field", "controls"), NC_ ("field", "rated_on"), NC_ ("field", "value_label"),
  NC_ ("field", "value_from"), NC_ ("field", "value_override"), NC_ ("field", "possibility"),
  NC_ ("field", "risk_value"), NC_ ("field", "formula"), NC_ ("field", "treatment"),
  NC_ ("field", "control"), NC_ ("field", "owner_post"), NC_ ("field", "completed_on"),
  NC_ ("field", "residual_likelihood"), NC_ ("field", "residual_vulnerability"),
  NC_ ("field", "residual_possibility"), NC_ ("field", "residual_value"), NC_ ("field", "residual_level"),
  NC_ ("field", "residual_formula"), NC_ ("field", "approver_post"), NC_ ("field", "accepted_on"),
  NC_ ("field", "accept_until"), NC_ ("field", "accept_reason"), NC_ ("field", "created_on"),
  NC_ ("field", "updated_on"), NC_ ("field", "number"), NC_ ("field", "run_on"), NC_ ("field", "scope"),
  NC_ ("field", "actor"), NC_ ("field", "scheme"), NC_ ("field", "method_definition"),
  NC_ ("field", "catalogue"), NC_ ("field", "catalogue_version"), NC_ ("field", "catalogue_sha256"),
  NC_ ("field", "items"), NC_ ("field", "items_digest"),
  /* backup, restore, audit_package */
  NC_ ("field", "taken_at"), NC_ ("field", "file"), NC_ ("field", "size"), NC_ ("field", "schema_version"),
  NC_ ("field", "history_seq"), NC_ ("field", "history_hash"), NC_ ("field", "removed_on"),
  NC_ ("field", "restored_at"), NC_ ("field", "backup_number"), NC_ ("field", "replaced_file"),
  NC_ ("field", "replaced_history_seq"), NC_ ("field", "replaced_history_hash"),
  NC_ ("field", "manifest_sha256"), NC_ ("field", "format"), NC_ ("field", "exported_at"),
  NC_ ("field", "files"),
  /* user */
  NC_ ("field", "login"), NC_ ("field", "role"), NC_ ("field", "sections"),
};

/* Statuses of the entities that are no record kind (the record kinds' enums
 * carry their own words). */
static const struct {
  const char *entity, *field, *code;
} status_words[] = {
  { "review_campaign", "status", NC_ ("status", "open") },
  { "review_campaign", "status", NC_ ("status", "closed") },
  { "backup", "status", NC_ ("status", "kept") },
  { "backup", "status", NC_ ("status", "removed") },
};

gboolean
dc_words_japanese (void)
{
  /* TRANSLATORS: the language code of this catalogue ("ja"); daicho shows
   * the Japanese words of its tables (statuses, headers) when it is "ja". */
  return g_str_equal (C_ ("language", "en"), "ja");
}

const char *
dc_words_action (const char *action)
{
  return action ? g_dpgettext2 (GETTEXT_PACKAGE, "action", action) : NULL;
}

const char *
dc_words_entity (const char *entity)
{
  return entity ? g_dpgettext2 (GETTEXT_PACKAGE, "entity", entity) : NULL;
}

static const DcRecordKind *
record_kind (const char *entity)
{
  if (g_strcmp0 (entity, dc_id_kind.entity) == 0)
    return &dc_id_kind;
  return entity ? dc_record_kind_find (entity) : NULL;
}

const char *
dc_words_field (const char *entity, const char *field)
{
  if (!dc_words_japanese ())
    return field;
  const DcRecordKind *kind = record_kind (entity);
  const DcField *f = kind ? dc_record_kind_field (kind, field) : NULL;
  return f ? f->ja : g_dpgettext2 (GETTEXT_PACKAGE, "field", field);
}

/* The word of a code (a status, a kind) in ENTITY's FIELD; CODE when none. */
static char *
code_word (DcStore *store, const char *entity, const char *field, const char *code)
{
  const DcRecordKind *kind = record_kind (entity);
  const DcField *f = kind ? dc_record_kind_field (kind, field) : NULL;
  if (f && f->kind == DC_FIELD_ENUM) {
    const DcEnumValue *v = dc_enum_by_code (f, code);
    return g_strdup (v ? v->ja : code);
  }
  if (f && f->kind == DC_FIELD_TYPE && store) {
    g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT name FROM asset_type WHERE code = ?1", NULL);
    if (stmt) {
      dc_stmt_bind_text (stmt, 1, code);
      if (dc_store_step (store, stmt, NULL) == DC_STMT_ROW)
        return dc_stmt_dup (stmt, 0);
    }
    return g_strdup (code);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_str_equal (status_words[i].entity, entity) && g_str_equal (status_words[i].field, field)
        && g_str_equal (status_words[i].code, code))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "status", code));
  if (g_str_equal (entity, "review_item") && g_str_equal (field, "state"))
    return g_strdup (dc_review_state_name (code));
  if (g_str_equal (entity, "reconcile_decision") && g_str_equal (field, "decision"))
    return g_strdup (*dc_stocktake_decision_ja (code) ? dc_stocktake_decision_ja (code) : code);
  DcFindingKind finding;
  if (g_str_equal (field, "kind") && g_str_equal (entity, "reconcile_decision")
      && dc_finding_kind_parse (code, &finding))
    return g_strdup (dc_finding_kind_ja (finding));
  if (g_str_equal (entity, "risk") && g_str_equal (field, "status"))
    return g_strdup (dc_risk_status_name (code));
  if (g_str_equal (entity, "risk") && g_str_equal (field, "treatment"))
    return g_strdup (dc_risk_treatment_name (code));
  if (g_str_equal (entity, "risk_override") && g_str_equal (field, "effect"))
    return g_strdup (dc_protection_effect_name (code));
  return g_strdup (code);
}

static gboolean
is_utc_time (const char *text)
{
  static GRegex *utc;
  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                          G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (utc, text, 0, NULL);
}

static const char *
none_word (void)
{
  return _ ("(none)");
}

static char *value_text (DcStore *store, const char *entity, const char *field, const char *value,
                         gboolean json);

/* JSON text of a list ("a、b") or a record ("field: value、…", in brackets
 * inside a list). */
static gboolean
append_json (GString *out, DcStore *store, const char *entity, const char *json, int depth)
{
  g_autoptr (GPtrArray) members = dc_json_members (json);
  if (!members)
    return FALSE;
  gboolean object = dc_json_kind (json) == DC_JSON_OBJECT;
  gsize start = out->len;
  gboolean any = FALSE;
  for (guint i = 0; i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    if (object && (m->kind == DC_JSON_NULL || (m->value && !*m->value)))
      continue;  /* a record's empty members say nothing */
    if (!any && object && depth)
      g_string_append (out, C_ ("record", "("));
    if (any)
      g_string_append (out, C_ ("list", ", "));
    any = TRUE;
    if (object)
      g_string_append_printf (out, "%s: ", dc_words_field (entity, m->key));
    gboolean nested = m->kind == DC_JSON_OBJECT || m->kind == DC_JSON_ARRAY;
    if (nested && depth < 4) {
      append_json (out, store, entity, m->value, depth + 1);
    } else {
      g_autofree char *shown = value_text (store, entity, object ? m->key : NULL, m->value, FALSE);
      g_string_append (out, shown);
    }
  }
  if (any && object && depth)
    g_string_append (out, C_ ("record", ")"));
  if (out->len == start)
    g_string_append (out, none_word ());
  return TRUE;
}

/* VALUE as read; JSON: VALUE is the JSON text of a list or a record. */
static char *
value_text (DcStore *store, const char *entity, const char *field, const char *value, gboolean json)
{
  if (!value)
    return g_strdup (none_word ());
  if (json && store) {
    g_autoptr (GString) out = g_string_new (NULL);
    if (append_json (out, store, entity, value, 0))
      return g_string_free (g_steal_pointer (&out), FALSE);
  }
  if (is_utc_time (value))
    return dc_date_time_local (value);
  if (!dc_words_japanese () || !entity || !field)
    return g_strdup (value);
  return code_word (store, entity, field, value);
}

char *
dc_words_value (DcStore *store, const char *entity, const char *field, const char *value)
{
  gboolean json = store && value && (value[0] == '[' || value[0] == '{') && dc_json_valid (value);
  return value_text (store, entity, field, value, json);
}

char *
dc_words_changes (DcStore *store, const DcHistoryEntry *entry, gboolean addition_values,
                  const char *separator, GError **error)
{
  if (!entry->before_json && !addition_values)
    return g_strdup ("");
  /* The fields in the order of the newer snapshot, with their JSON types (a
   * text that looks like a list stays text). */
  g_autoptr (GPtrArray) changes = dc_history_changes (store, entry, error);
  if (!changes)
    return NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  for (guint i = 0; i < changes->len; i++) {
    const DcFieldChange *c = g_ptr_array_index (changes, i);
    const char *field = c->field, *before = c->before, *after = c->after;
    gboolean after_json = c->after_is_json;
    g_autofree char *after_text = value_text (store, entry->entity, field, after, after_json);
    const char *word = dc_words_field (entry->entity, field);
    if (!entry->before_json) {
      /* An addition: its values, the empty ones left out. */
      if (!after || !*after || (after_json && g_str_equal (after_text, none_word ())))
        continue;
      g_string_append_printf (out, "%s%s: %s", out->len ? separator : "", word, after_text);
      continue;
    }
    g_autofree char *before_text = value_text (store, entry->entity, field, before, c->before_is_json);
    g_string_append_printf (out, "%s%s: %s → %s", out->len ? separator : "", word, before_text, after_text);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
