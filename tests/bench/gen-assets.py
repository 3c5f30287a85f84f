#!/usr/bin/env python3
"""Writes N synthetic assets of the fictional city (fixtures/org) as a CSV in
the form `daicho import assets` reads (UTF-8 with BOM, the headers daicho
writes), deterministically: the same N and SEED give the same bytes.

    tests/bench/gen-assets.py N SEED OUT.csv
"""
import csv
import random
import sys

# Sections with the posts that may own their assets (fixtures/org).
POSTS = {
    "soumu": ["soumu-kacho"],
    "joho": ["joho-kacho", "joho-kakaricho"],
    "shimin": ["shimin-kacho"],
    "zeimu": ["zeimu-kacho", "zeimu-kakaricho"],
    "fukushi": ["fukushi-kacho"],
    "jutaku": ["jutaku-kacho", "jutaku-kanri-tanto-kacho", "jutaku-kakaricho"],
    "doboku": ["doboku-kacho"],
}
SYSTEMS = ["", "", "jutaku-sys", "jukiki-sys", "lan-sys"]
TYPES = ["data", "data", "data", "document", "document", "infrastructure", "hardware", "software"]
SUBJECTS = ["住民", "納税者", "入居者", "申請者", "職員", "事業者", "児童", "高齢者", "道路", "施設"]
KINDS = ["台帳", "名簿", "申請書", "決定通知", "収納データ", "調査票", "報告書", "管理簿", "契約書", "図面"]
ITEMS = ["氏名", "住所", "生年月日", "電話番号", "世帯構成", "収入額", "口座番号", "税額",
         "申請日", "決定日", "個人番号", "備考"]
STORAGE = ["サーバ室 DB", "外部データセンター", "施錠キャビネット", "書庫", "共有フォルダ", "LGWAN 端末"]
RETENTION = ["1年", "3年", "5年", "10年", "30年", "永年", "退去後5年"]
ACCESS = ["", "課内のみ閲覧", "担当係のみ閲覧・更新", "管理者のみ更新", "閲覧制限なし"]

HEADERS = ["資産番号", "資産種別", "資産名称", "主要項目", "個人情報の有無", "機密性", "完全性",
           "可用性", "外部入出力の有無", "閲覧・更新制限", "所管課", "管理責任者（補職名）",
           "情報システム", "保管場所・媒体", "保存期限", "備考"]


def asset(rng, n):
    section = rng.choice(sorted(POSTS))
    kind = rng.choice(KINDS)
    personal = rng.choice(["none", "none", "personal", "personal", "specific"])
    items = "、".join(rng.sample(ITEMS, rng.randint(2, 7)))
    note = "" if rng.random() < 0.7 else "令和%d年度 %s の更新を予定" % (rng.randint(1, 8), kind)
    return [
        "A-%06d" % n,
        rng.choice(TYPES),
        "%s%s（%d）" % (rng.choice(SUBJECTS), kind, n),
        items,
        personal,
        str(rng.randint(1, 4)), str(rng.randint(1, 3)), str(rng.randint(1, 3)),
        rng.choice(["none", "in", "out", "both"]),
        rng.choice(ACCESS),
        section,
        rng.choice(POSTS[section]),
        rng.choice(SYSTEMS),
        rng.choice(STORAGE),
        rng.choice(RETENTION),
        note,
    ]


def main():
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADERS)
        for i in range(1, n + 1):
            w.writerow(asset(rng, i))


if __name__ == "__main__":
    main()
