#!/usr/bin/python3
"""Synthetic data for the ID stocktake benchmark: a staff roster, an ID
register and a system's export of N accounts, with about 2 % of the
accounts showing each kind of finding. Deterministic for a seed.
    gen-stocktake.py N SEED OUT_DIR   → roster.csv, ids.csv, export.csv
"""
import csv
import os
import random
import sys

# login_spelling is not planned: it needs an unpaired login on each side that
# differs only in case, and every generated login is lower case.
KINDS = ["unregistered", "not_in_system", "revoked_in_system", "holder_departed", "holder_unknown",
         "excess_privilege", "dormant", "disabled_in_system", "expired_approval", "shared_unapproved",
         "sod_violation", "key_collision"]


def main():
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    # Every account has at most one planned difference, ~2 % of them each.
    plan = [None] * n
    for i in range(n):
        r = rng.random()
        if r < 0.02 * (len(KINDS) - 1):
            plan[i] = KINDS[1 + int(r / 0.02)]
    full_width = str.maketrans("abcdefghijklmnopqrstuvwxyz0123456789.", "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９．")
    with open(os.path.join(out, "roster.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["職員番号", "氏名", "所属", "在職状況", "発令日"])
        for i in range(n):
            if plan[i] == "holder_unknown":
                continue
            departed = plan[i] == "holder_departed"
            w.writerow([str(1000000 + i), "職員 %d" % i, "住宅課", "異動" if departed else "在職",
                        "2026-04-01" if departed else ""])
    with open(os.path.join(out, "ids.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["ログインID", "職員番号", "氏名", "種別", "権限", "申請者", "承認者", "登録者", "承認日",
                    "有効期限", "共有理由", "状態"])
        for i in range(n):
            p = plan[i]
            holder = str(1000000 + i)   # apart from the city's six-digit numbers
            kind = "共有" if p == "shared_unapproved" else "一般"
            applicant = "職員 %d" % i
            approver = applicant if p == "sod_violation" else "住宅課長"
            until = "2026-09-30" if p == "expired_approval" else ""
            status = "削除" if p == "revoked_in_system" else "有効"
            w.writerow(["u%07d" % i, holder, "職員 %d" % i, kind, "照会;更新", applicant, approver,
                        "情報政策課システム係長", "2026-04-01", until, "", status])
    with open(os.path.join(out, "export.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["ログインID", "氏名", "権限", "状態", "最終ログイン日時"])
        for i in range(n):
            p = plan[i]
            if p == "not_in_system":
                continue
            login = "u%07d" % i
            raw = login + "  " if i % 50 == 7 else login          # trailing spaces: same key
            privileges = "照会;更新;削除" if p == "excess_privilege" else "照会;更新"
            state = "無効" if p == "disabled_in_system" else "有効"
            last = "2026/05/%02d 10:00" % (1 + i % 28) if p == "dormant" else "2026/11/%02d 09:%02d" % (1 + i % 20, i % 60)
            w.writerow([raw, "職員 %d" % i, privileges, state, last])
            if p == "key_collision":
                w.writerow([login.translate(full_width), "職員 %d" % i, privileges, state, last])
        for i in range(n // 50):
            w.writerow(["x%07d" % i, "不明 %d" % i, "照会", "有効", "2026/11/01 10:00"])


if __name__ == "__main__":
    main()
