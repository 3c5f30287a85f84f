#include "risk/dc-protection.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "model/dc-record.h"
#include "base/dc-text.h"

#include <string.h>

static const char properties[3] = { 'C', 'I', 'A' };

static const struct {
  const char *code, *ja, *synonyms;
} effects[] = {
  { "cumulation", "累積効果", "累積|cumulative|cumulation effect" },
  { "distribution", "分散効果", "分散|distributed|distribution effect" },
  { "other", "その他", "other reason|その他の理由" },
};

static int
property_index (char property)
{
  for (int k = 0; k < 3; k++)
    if (properties[k] == property)
      return k;
  return -1;
}

void
dc_protection_free (DcProtection *protection)
{
  if (!protection)
    return;
  g_free (protection->code);
  g_free (protection->name);
  g_free (protection->type);
  for (int p = 0; p < 3; p++) {
    g_free (protection->need[p].source);
    g_free (protection->need[p].effect);
    g_free (protection->need[p].reason);
  }
  g_free (protection);
}

const DcNeed *
dc_protection_need (const DcProtection *protection, char property)
{
  int p = property_index (property);
  return p < 0 ? NULL : &protection->need[p];
}

const char *
dc_protection_effect_code (const char *text)
{
  for (gsize e = 0; text && e < G_N_ELEMENTS (effects); e++) {
    if (dc_text_matches (text, effects[e].code) || dc_text_matches (text, effects[e].ja))
      return effects[e].code;
    g_auto (GStrv) synonyms = g_strsplit (effects[e].synonyms, "|", -1);
    for (char **s = synonyms; *s; s++)
      if (dc_text_matches (text, *s))
        return effects[e].code;
  }
  return NULL;
}

const char *
dc_protection_effect_name (const char *code)
{
  for (gsize e = 0; code && e < G_N_ELEMENTS (effects); e++)
    if (g_str_equal (code, effects[e].code))
      return effects[e].ja;
  return code;
}

/* ---- the maximum principle over the dependency graph ---- */

typedef struct {
  DcProtection *protection;
  GArray *users;   /* node indices of the assets that use this one */
  GArray *uses;    /* node indices of the assets this one uses */
  guint pending;   /* users not yet computed */
  gboolean done;
} Node;

typedef struct {
  DcStore *store;
  const DcScheme *scheme;
  GArray *nodes;          /* Node */
  GHashTable *index;      /* code → node index + 1 */
  GHashTable *result;     /* code → DcProtection* (owns them) */
} Graph;

static Node *
node_of (Graph *g, const char *code)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (g->index, code));
  return i ? &g_array_index (g->nodes, Node, i - 1) : NULL;
}

static gboolean
load_assets (Graph *g, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      g->store,
      "SELECT a.code, a.name, a.type, c.label, i.label, x.label FROM asset a"
      " JOIN level c ON c.id = a.c_level_id JOIN level i ON i.id = a.i_level_id"
      " JOIN level x ON x.id = a.a_level_id"
      " WHERE a.status <> 'disposed' ORDER BY a.code", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (g->store, stmt, error)) == DC_STMT_ROW) {
    DcProtection *p = g_new0 (DcProtection, 1);
    p->code = dc_stmt_dup (stmt, 0);
    p->name = dc_stmt_dup (stmt, 1);
    p->type = dc_stmt_dup (stmt, 2);
    for (int k = 0; k < 3; k++)
      p->need[k].own = dc_scheme_level (g->scheme, properties[k],
                                        dc_stmt_text (stmt, 3 + k));
    g_hash_table_insert (g->result, p->code, p);
    Node node = { p, g_array_new (FALSE, FALSE, sizeof (guint)),
                  g_array_new (FALSE, FALSE, sizeof (guint)), 0, FALSE };
    g_array_append_val (g->nodes, node);
    g_hash_table_insert (g->index, p->code, GUINT_TO_POINTER (g->nodes->len));
  }
  return rc == DC_STMT_DONE;
}

static gboolean
load_edges (Graph *g, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      g->store,
      "SELECT u.code, d.code FROM asset_dependency e"
      " JOIN asset u ON u.id = e.asset_id JOIN asset d ON d.id = e.depends_on_id"
      " WHERE u.status <> 'disposed' AND d.status <> 'disposed'", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (g->store, stmt, error)) == DC_STMT_ROW) {
    guint user = GPOINTER_TO_UINT (g_hash_table_lookup (g->index, dc_stmt_text (stmt, 0))) - 1;
    guint used = GPOINTER_TO_UINT (g_hash_table_lookup (g->index, dc_stmt_text (stmt, 1))) - 1;
    Node *u = &g_array_index (g->nodes, Node, user), *d = &g_array_index (g->nodes, Node, used);
    g_array_append_val (u->uses, used);
    g_array_append_val (d->users, user);
    d->pending++;
  }
  return rc == DC_STMT_DONE;
}

static gboolean
load_overrides (Graph *g, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      g->store,
      "SELECT a.code, o.property, l.label, o.effect, o.reason FROM risk_override o"
      " JOIN asset a ON a.id = o.asset_id JOIN level l ON l.id = o.level_id", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (g->store, stmt, error)) == DC_STMT_ROW) {
    Node *node = node_of (g, dc_stmt_text (stmt, 0));
    const char *property = dc_stmt_text (stmt, 1);
    if (!node)
      continue;  /* a disposed asset needs nothing */
    DcNeed *need = &node->protection->need[property_index (property[0])];
    need->effective = dc_scheme_level (g->scheme, property[0], dc_stmt_text (stmt, 2));
    need->effect = dc_stmt_dup (stmt, 3);
    need->reason = dc_stmt_dup (stmt, 4);
  }
  return rc == DC_STMT_DONE;
}

/* Where a user's level comes from for the assets it uses: its override, or
 * the asset its own inherited level comes from. */
static const char *
origin_of (const DcProtection *user, int k)
{
  return user->need[k].effect ? user->code : user->need[k].source;
}

/* Every user of NODE is computed: NODE takes the highest of its own level
 * and theirs (ties: its own, then the lowest code, so the result does not
 * depend on the order of the walk). */
static void
compute_node (Graph *g, Node *node)
{
  DcProtection *p = node->protection;
  for (int k = 0; k < 3; k++) {
    DcNeed *need = &p->need[k];
    const DcLevel *best = need->own;
    const char *source = p->code;
    for (guint u = 0; u < node->users->len; u++) {
      const DcProtection *user = g_array_index (g->nodes, Node, g_array_index (node->users, guint, u)).protection;
      const DcLevel *theirs = user->need[k].effective;
      const char *origin = origin_of (user, k);
      if (theirs->rank > best->rank ||
          (theirs->rank == best->rank && source != p->code && strcmp (origin, source) < 0)) {
        best = theirs;
        source = origin;
      }
    }
    need->inherited = best;
    need->source = g_strdup (source);
    if (!need->effect)
      need->effective = best;
  }
  node->done = TRUE;
}

/* Names a cycle among the nodes the walk could not reach: each has a user
 * not yet computed, so following users must come back to a node. */
static char *
name_cycle (Graph *g)
{
  guint start = 0;
  while (g_array_index (g->nodes, Node, start).done)
    start++;
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *seen_at = g_new0 (guint, g->nodes->len);  /* position in path + 1 */
  guint at = start;
  while (!seen_at[at]) {
    g_array_append_val (path, at);
    seen_at[at] = path->len;
    Node *node = &g_array_index (g->nodes, Node, at);
    for (guint u = 0; u < node->users->len; u++) {
      guint user = g_array_index (node->users, guint, u);
      if (!g_array_index (g->nodes, Node, user).done) {
        at = user;
        break;
      }
    }
  }
  /* PATH runs along "is used by"; the cycle, written along "uses", is the
   * part from AT's first visit, reversed, and begins at its lowest code
   * (nodes are in code order) whichever asset the walk started from. */
  guint first = seen_at[at] - 1, n = path->len - first, lowest = 0;
  g_autofree guint *cycle = g_new (guint, n);
  for (guint i = 0; i < n; i++) {
    cycle[i] = g_array_index (path, guint, path->len - 1 - i);
    if (cycle[i] < cycle[lowest])
      lowest = i;
  }
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i <= n; i++)
    g_string_append_printf (text, "%s%s", i ? " → " : "",
                            g_array_index (g->nodes, Node, cycle[(lowest + i) % n]).protection->code);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
graph_clear (Graph *g)
{
  for (guint i = 0; g->nodes && i < g->nodes->len; i++) {
    g_array_unref (g_array_index (g->nodes, Node, i).users);
    g_array_unref (g_array_index (g->nodes, Node, i).uses);
  }
  g_clear_pointer (&g->nodes, g_array_unref);
  g_clear_pointer (&g->index, g_hash_table_unref);
  g_clear_pointer (&g->result, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Graph, graph_clear)

GHashTable *
dc_protection_compute (DcStore *store, const DcScheme *scheme, GError **error)
{
  g_auto (Graph) g = {
    store, scheme, g_array_new (FALSE, FALSE, sizeof (Node)),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dc_protection_free),
  };
  if (!load_assets (&g, error) || !load_edges (&g, error) || !load_overrides (&g, error))
    return NULL;
  /* Users before the assets they use (Kahn's order over "is used by"). */
  g_autoptr (GArray) ready = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < g.nodes->len; i++)
    if (!g_array_index (g.nodes, Node, i).pending)
      g_array_append_val (ready, i);
  guint computed = 0;
  for (guint r = 0; r < ready->len; r++) {
    Node *node = &g_array_index (g.nodes, Node, g_array_index (ready, guint, r));
    compute_node (&g, node);
    computed++;
    for (guint d = 0; d < node->uses->len; d++) {
      guint used = g_array_index (node->uses, guint, d);
      if (--g_array_index (g.nodes, Node, used).pending == 0)
        g_array_append_val (ready, used);
    }
  }
  if (computed < g.nodes->len) {
    g_autofree char *cycle = name_cycle (&g);
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_CONFLICT,
                 _ ("the asset dependencies form a cycle %s (→ means \"uses\"), so no asset on it "
                 "can inherit a protection need; remove one of them with "
                 "`daicho asset depend --remove`"), cycle);
    return NULL;
  }
  return g_steal_pointer (&g.result);
}

/* ---- overrides ---- */

typedef struct {
  const char *asset;
  char property;
  gint64 level_id;
  const char *effect;
  const char *reason;
} Override;

static gboolean
apply_override (DcStore *store, gpointer data, GError **error)
{
  Override *o = data;
  char property[2] = { o->property, 0 };
  g_autofree char *today = dc_date_today ();
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, o->effect
        ? "INSERT INTO risk_override (asset_id, property, level_id, effect, reason, set_on)"
          " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM asset WHERE code = ?1"
          " ON CONFLICT (asset_id, property) DO UPDATE SET level_id = excluded.level_id,"
          " effect = excluded.effect, reason = excluded.reason, set_on = excluded.set_on"
        : "DELETE FROM risk_override WHERE property = ?2"
          " AND asset_id = (SELECT id FROM asset WHERE code = ?1)", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, o->asset);
  dc_stmt_bind_text (stmt, 2, property);
  if (o->effect) {
    dc_stmt_bind_int64 (stmt, 3, o->level_id);
    dc_stmt_bind_text (stmt, 4, o->effect);
    dc_stmt_bind_text (stmt, 5, o->reason);
    dc_stmt_bind_text (stmt, 6, today);
  }
  if (!dc_store_run (store, stmt, error))
    return FALSE;
  if (!o->effect && dc_store_changes (store) == 0) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("asset %s has no override of %c to remove"), o->asset, o->property);
    return FALSE;
  }
  return TRUE;
}

static char *
usable_asset (DcStore *store, const char *asset, char property, GError **error)
{
  if (property_index (property) < 0) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("property '%c' is not one of C, I, A"), property ? property : '?');
    return NULL;
  }
  return dc_record_resolve_code (store, &dc_asset_kind, asset, error);
}

static gboolean
change_override (DcStore *store, Override *o, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%s/%c", o->asset, o->property);
  return dc_change (store, o->effect ? NC_ ("action", "override") : NC_ ("action", "remove"), "risk_override", key,
                    apply_override, o, error);
}

gboolean
dc_protection_override (DcStore *store, const char *asset, char property, const char *level,
                        const char *effect, const char *reason, GError **error)
{
  g_autofree char *code = usable_asset (store, asset, property, error);
  if (!code)
    return FALSE;
  const char *effect_code = dc_protection_effect_code (effect);
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  if (!effect_code || !*why) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 !effect_code && !*why
                   ? _ ("asset %s: overriding the protection need of %c needs the effect (cumulation 累積効果, "
                        "distribution 分散効果 or other その他) and the reason, in words an auditor understands")
                 : !effect_code
                   ? _ ("asset %s: overriding the protection need of %c needs the effect (cumulation 累積効果, "
                        "distribution 分散効果 or other その他)")
                   : _ ("asset %s: overriding the protection need of %c needs the reason, in words an auditor "
                        "understands"),
                 code, property);
    return FALSE;
  }
  char field[2] = { g_ascii_tolower (property), 0 };
  gint64 level_id = dc_record_resolve_level (store, dc_record_kind_field (&dc_asset_kind, field),
                                             level, error);
  if (!level_id)
    return FALSE;
  g_autoptr (DcRecord) record = dc_record_get_one (store, &dc_asset_kind, code, error);
  if (!record)
    return FALSE;
  if (g_str_equal (dc_record_get (record, "status"), "disposed")) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_CONFLICT,
                 _ ("asset %s is disposed; it needs no protection"), code);
    return FALSE;
  }
  Override o = { code, property, level_id, effect_code, why };
  return change_override (store, &o, error);
}

gboolean
dc_protection_remove_override (DcStore *store, const char *asset, char property, GError **error)
{
  g_autofree char *code = usable_asset (store, asset, property, error);
  if (!code)
    return FALSE;
  Override o = { code, property, 0, NULL, NULL };
  return change_override (store, &o, error);
}
