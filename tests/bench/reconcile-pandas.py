#!/usr/bin/python3
"""The baseline of the ID stocktake benchmark: the same comparison as
`daicho reconcile --profile generic` done with pandas on the same files (the
export, and the ID register and roster as the CSVs daicho imported), so the
ratio shows what daicho's hash join costs against what an office's analyst
would write. Prints the count of each kind of finding.
    reconcile-pandas.py EXPORT.csv IDS.csv ROSTER.csv AS_OF DORMANT_DAYS
"""
import sys

import pandas as pd


def key(series):
    """NFKC and trimmed, as daicho's generic profile compares logins."""
    return series.str.normalize("NFKC").str.strip()


def main():
    export_path, ids_path, roster_path, as_of, dormant_days = sys.argv[1:6]
    as_of = pd.Timestamp(as_of)
    export = pd.read_csv(export_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ids = pd.read_csv(ids_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    roster = pd.read_csv(roster_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    export = export.rename(columns={"ログインID": "raw", "権限": "granted", "状態": "state", "最終ログイン日時": "last"})
    ids = ids.rename(columns={"ログインID": "login", "職員番号": "holder", "種別": "kind", "権限": "approved",
                              "申請者": "applicant", "承認者": "approver", "登録者": "registrar",
                              "有効期限": "until", "共有理由": "reason", "状態": "status"})
    export["key"] = key(export["raw"])
    ids["key"] = key(ids["login"])
    counts = {}

    # Logins that read the same on either side: reported, paired only exactly.
    dup_export = export["key"].duplicated(keep=False)
    dup_ids = ids["key"].duplicated(keep=False)
    counts["key_collision"] = export.loc[dup_export, "key"].nunique() + ids.loc[dup_ids, "key"].nunique()
    export["pair"] = export["key"].where(~dup_export, export["raw"])
    ids["pair"] = ids["key"].where(~dup_ids, ids["login"])

    merged = export.merge(ids, on="pair", how="outer", indicator=True, suffixes=("", "_reg"))
    in_system = merged["_merge"] != "right_only"
    in_register = merged["_merge"] != "left_only"
    revoked = merged["status"] == "削除"
    enabled = merged["state"] != "無効"
    counts["unregistered"] = int((merged["_merge"] == "left_only").sum())
    counts["not_in_system"] = int(((merged["_merge"] == "right_only") & ~revoked).sum())
    both = merged[in_system & in_register]
    active = both[both["status"] != "削除"]
    counts["revoked_in_system"] = int((both["status"].eq("削除") & both["state"].ne("無効")).sum())
    counts["disabled_in_system"] = int(active["state"].eq("無効").sum())
    on = active[active["state"] != "無効"]

    # Holders: in the roster, and still there on the as-of date.
    roster["departed"] = roster["在職状況"].isin(["異動", "出向", "退職"]) & (
        pd.to_datetime(roster["発令日"], errors="coerce").fillna(pd.Timestamp.min) <= as_of)
    holders = active.merge(roster[["職員番号", "departed"]], left_on="holder", right_on="職員番号", how="left")
    counts["holder_unknown"] = int(holders["職員番号"].isna().sum())
    counts["holder_departed"] = int((holders["departed"].eq(True) & holders["state"].ne("無効")).sum())

    # Privileges granted but not approved.
    granted = active[["pair", "granted"]].assign(p=active["granted"].str.split(";")).explode("p")
    approved = active[["pair", "approved"]].assign(p=active["approved"].str.split(";")).explode("p")
    extra = granted.merge(approved[["pair", "p"]], on=["pair", "p"], how="left", indicator=True)
    counts["excess_privilege"] = extra.loc[extra["_merge"] == "left_only", "pair"].nunique()

    last = pd.to_datetime(on["last"], format="%Y/%m/%d %H:%M", errors="coerce")
    counts["dormant"] = int(((as_of - last).dt.days.gt(int(dormant_days)) | last.isna()).sum())
    until = pd.to_datetime(on["until"], errors="coerce")
    counts["expired_approval"] = int((until < as_of).sum())
    register = ids[ids["status"] != "削除"]
    counts["shared_unapproved"] = int((register["kind"].eq("共有") & (register["reason"].eq("") | register["approver"].eq(""))).sum())
    counts["sod_violation"] = int((register["applicant"].eq(register["approver"]) |
                                   register["approver"].eq(register["registrar"])).sum())
    for name in sorted(counts):
        print(name, counts[name])


if __name__ == "__main__":
    main()
