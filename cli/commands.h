/* Entry points of the command groups that are not record kinds. */
#pragma once

int dc_cmd_init (int argc, char **argv);
int dc_cmd_scheme (int argc, char **argv);
int dc_cmd_history (int argc, char **argv);
int dc_cmd_audit (int argc, char **argv);
int dc_cmd_export (int argc, char **argv);
int dc_cmd_import (int argc, char **argv);
int dc_cmd_staff (int argc, char **argv);
int dc_cmd_id (int argc, char **argv);
int dc_cmd_reconcile (int argc, char **argv);
int dc_cmd_review (int argc, char **argv);
int dc_cmd_duty (int argc, char **argv);
int dc_cmd_due (int argc, char **argv);
int dc_cmd_risk (int argc, char **argv);
int dc_cmd_risk_method (int argc, char **argv);
int dc_cmd_risk_needs (int argc, char **argv);
int dc_cmd_risk_override (int argc, char **argv);
int dc_cmd_threat (int argc, char **argv);
int dc_cmd_export_risk (int argc, char **argv);
int dc_cmd_backup (int argc, char **argv);
int dc_cmd_restore (int argc, char **argv);
int dc_cmd_records (int argc, char **argv);
int dc_cmd_user (int argc, char **argv);
int dc_cmd_copy (int argc, char **argv);
