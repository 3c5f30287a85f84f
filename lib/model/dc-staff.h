/* The staff roster (職員名簿): who works here, where, and since when they
 * transferred, were seconded, went on leave or retired; imported from the
 * personnel section's list, and looked up the way ID registers name people
 * (employee numbers with or without their zeros, names with or without the
 * space between family and given name). */
#pragma once
#include "model/dc-record.h"

G_BEGIN_DECLS

/* "001876", "１８７６" and "1876" give "1876": NFKC, trimmed, and an
 * all-digit number without its leading zeros (Excel drops them). */
char *dc_staff_number_key (const char *text);
/* "佐藤　雅之" and "佐藤 雅之" give the same key: NFKC, case folded, with no
 * white space. */
char *dc_staff_name_key (const char *text);

typedef struct {
  char *employee_no;
  char *name;
  char *section;      /* code, or NULL */
  char *employment;   /* regular, part_time, ... */
  char *status;       /* active, transferred, seconded, on_leave, retired */
  char *status_date;  /* the date the status took effect, or NULL */
} DcStaffMember;

/* Had the member left by DATE? A transfer or secondment takes effect on its
 * date (発令日); a retirement date is the last day of service, so the member
 * has left only after it. A departure without a date counts as long past. */
gboolean dc_staff_member_departed (const DcStaffMember *member, const char *date);

typedef struct _DcRoster DcStaffRoster;

DcStaffRoster *dc_staff_roster_load (DcStore *store, GError **error);
void      dc_staff_roster_free (DcStaffRoster *roster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStaffRoster, dc_staff_roster_free)

guint                dc_staff_roster_size (DcStaffRoster *roster);
/* The member with this employee number: as written, else compared by
 * dc_staff_number_key (NULL when that fits several: 01876 and 001876). */
const DcStaffMember *dc_staff_roster_by_number (DcStaffRoster *roster, const char *employee_no);
/* By employee number, else by name when exactly one member has it. */
const DcStaffMember *dc_staff_roster_find (DcStaffRoster *roster, const char *number_or_name);
/* Who TEXT names on DATE: an employee number, a name only one member has, or
 * a post (補職名 or code: its holder that day). NULL when nobody. */
const DcStaffMember *dc_staff_roster_identify (DcStaffRoster *roster, const char *text, const char *date);
/* Whether TEXT names MEMBER on DATE, as dc_staff_roster_identify would find, except
 * that a name written differently from the roster is compared with MEMBER's
 * name alone (no index of every name is built for it). */
gboolean dc_staff_roster_names (DcStaffRoster *roster, const char *text, const char *date,
                          const DcStaffMember *member);

G_END_DECLS
