"""Word lists the checks use: acronyms and their expansions, filler and vague phrases with plainer
suggestions, comparison and share markers for percentages, speculation and "no comment" phrases.

Patterns are regular expressions matched on lower-case NFC text at word boundaries; a pattern
carries its own exceptions (lookarounds) where a phrase has an innocent meaning ("đi công tác" is a
business trip, "nghi lễ" a ceremony). Advice texts are translated at check time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..i18n import N_

#: Acronyms a reader must see spelled out at first use, with accepted expansions (any language).
ACRONYMS: dict[str, tuple[str, ...]] = {
    "TT&TT": ("Thông tin và Truyền thông", "Information and Communications"),
    "TTTT": ("Thông tin và Truyền thông", "Information and Communications"),
    "BTTTT": ("Bộ Thông tin và Truyền thông",),
    "KH&CN": ("Khoa học và Công nghệ", "Science and Technology"),
    "KHCN": ("Khoa học và Công nghệ", "khoa học công nghệ"),
    "UBND": ("Ủy ban nhân dân", "People's Committee"),
    "HĐND": ("Hội đồng nhân dân", "People's Council"),
    "CNTT": ("công nghệ thông tin", "information technology"),
    "CĐS": ("chuyển đổi số", "digital transformation"),
    "ATTT": ("an toàn thông tin",),
    "ANM": ("an ninh mạng",),
    "DNNVV": ("doanh nghiệp nhỏ và vừa",),
    "NSNN": ("ngân sách nhà nước",),
    "BHXH": ("bảo hiểm xã hội",),
    "BHYT": ("bảo hiểm y tế",),
    "MTTQ": ("Mặt trận Tổ quốc",),
    "CSDL": ("cơ sở dữ liệu",),
    "DVC": ("dịch vụ công",),
    "DVCTT": ("dịch vụ công trực tuyến",),
    "BCVT": ("bưu chính, viễn thông", "bưu chính viễn thông"),
    "PTTH": ("phát thanh, truyền hình", "phát thanh truyền hình"),
    "TTXVN": ("Thông tấn xã Việt Nam", "Vietnam News Agency"),
    "HTX": ("hợp tác xã",),
    "KT-XH": ("kinh tế - xã hội", "kinh tế – xã hội", "kinh tế xã hội"),
    "MIC": ("Ministry of Information and Communications", "Bộ Thông tin và Truyền thông"),
    "MOST": ("Ministry of Science and Technology", "Bộ Khoa học và Công nghệ"),
    "ICT": (
        "information and communication technology",
        "information and communications technology",
    ),
    "SME": ("small and medium-sized enterprise", "small and medium enterprise"),
    "SMES": ("small and medium-sized enterprises", "small and medium enterprises"),
    "GSO": ("General Statistics Office", "Tổng cục Thống kê"),
    "PPP": ("public-private partnership",),
}
#: Acronyms every reader knows (or brand names): never flagged.
_KNOWN_TEXT = (
    "VND VNĐ USD EUR GDP COVID AI IT SIM SMS OTP QR ID TV PDF URL OK ASEAN UNESCO WHO WTO UN "
    "EU APEC VNPT VTV VOV FPT CMC TP HCM TPHCM TP.HCM VN CEO GS PGS TS BS IP DNS API BBC CNN "
    "USB GPS ATM PC ICANN ITU IPV6 WIFI"
)
KNOWN = frozenset(_KNOWN_TEXT.split())
_ROMAN = re.compile(r"^[IVXLC]+$")


def is_acronym(token: str) -> bool:
    """An all-capital token of two or more letters (TT&TT, UBND, KT-XH), not a Roman numeral."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or any(c.isdigit() for c in token):
        return False
    return all(c.isupper() for c in letters) and not _ROMAN.match(token)


@dataclass(frozen=True)
class Phrase:
    """A phrase to flag: filler (cut it) or vague (say it concretely), and what to write."""

    pattern: str
    advice: str
    vague: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


PHRASES: dict[str, tuple[Phrase, ...]] = {
    "vi": (
        Phrase(
            "tiến hành", N_("cut it and use the verb itself (“tiến hành kiểm tra” → “kiểm tra”)")
        ),
        Phrase(
            "thực hiện việc",
            N_("cut it and use the verb itself (“thực hiện việc cấp phép” → “cấp phép”)"),
        ),
        Phrase(
            r"(?<!đi )(?<!chuyến )(?<!đoàn )công tác(?! viên)",
            N_("cut it (“công tác tuyên truyền” → “tuyên truyền”)"),
        ),
        Phrase(r"nhằm mục đích|nhằm(?! vào)", N_("write “để”")),
        Phrase("trên cơ sở", N_("write “dựa trên” or “theo”")),
        Phrase(
            r"một cách(?! (?:khác|để|mới|nữa|duy nhất))",
            N_("cut it (“một cách hiệu quả” → “hiệu quả”)"),
        ),
        Phrase("triển khai thực hiện", N_("say what is done (“áp dụng”, “làm”)")),
        Phrase(r"các cấp,? các ngành", N_("name who exactly")),
        Phrase("quán triệt", N_("say what people must do")),
        Phrase("đối với việc", N_("cut it and start with who does what")),
        Phrase("có tính chất", N_("cut it")),
        Phrase("đáng kể", N_("give the number"), vague=True),
        Phrase(
            r"(?:kết quả|mức độ|chuyển biến) nhất định",
            N_("say how much, with a number"),
            vague=True,
        ),
        Phrase("tương đối", N_("give the number"), vague=True),
        Phrase("bước đầu", N_("say what is done and what is left"), vague=True),
        Phrase(r"cơ bản hoàn thành|về cơ bản", N_("give the share that is done"), vague=True),
        Phrase("đẩy mạnh", N_("say what will be done, by whom and by when"), vague=True),
        Phrase("nâng cao", N_("say by how much"), vague=True),
        Phrase("góp phần", N_("say what changes, with a number"), vague=True),
        Phrase("tích cực", N_("say what changed"), vague=True),
        Phrase("hiệu quả cao", N_("give the number"), vague=True),
    ),
    "en": (
        Phrase(
            r"carr(?:y|ies|ied|ying) out", N_("use the verb itself (“carry out checks” → “check”)")
        ),
        Phrase("in order to", N_("write “to”")),
        Phrase(r"with (?:regard|respect) to|in relation to", N_("write “about” or “for”")),
        Phrase(r"utili[sz](?:e|es|ed|ing|ation)", N_("write “use”")),
        Phrase(r"facilitat(?:e|es|ed|ing)", N_("write “help” or “make easier”")),
        Phrase(r"(?:with)?in the framework of", N_("write “under”")),
        Phrase("at this point in time", N_("write “now”")),
        Phrase("with a view to", N_("write “to”")),
        Phrase("in terms of", N_("cut it or write “for”")),
        Phrase(r"significant(?:ly)?", N_("give the number"), vague=True),
        Phrase(r"substantial(?:ly)?", N_("give the number"), vague=True),
        Phrase("various", N_("name them"), vague=True),
        Phrase("a number of", N_("give the number"), vague=True),
        Phrase(
            r"enhanc(?:e|es|ed|ing)|strengthen(?:s|ed|ing)?",
            N_("say how, and by how much"),
            vague=True,
        ),
        Phrase(r"leverag(?:e|es|ed|ing)", N_("write “use”"), vague=True),
        Phrase(r"positive (?:impact|effect|results?)", N_("say what changed"), vague=True),
        Phrase("robust", N_("say what makes it strong"), vague=True),
    ),
}


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)")


#: A percentage that states what it is compared with.
COMPARISON = _words(
    "so với",
    "so cùng kỳ",
    "cùng kỳ",
    "năm trước",
    "năm ngoái",
    "kỳ trước",
    "từ mức",
    "lên mức",
    "compared (?:with|to)",
    r"than (?:in |the |a )?(?:(?:19|20)\d\d|previous|last|year)",
    "year[- ]on[- ]year",
    "from",
    "versus",
    "vs",
    "since",
    "(?:on|over) (?:19|20)\\d\\d",
    "previous year",
    "last year",
    "a year earlier",
)
#: A percentage that is a share of a whole, which needs no comparison ("chiếm 30%").
SHARE = _words(
    "chiếm",
    "trong tổng",
    "trên tổng",
    "tỷ lệ",
    "tỉ lệ",
    "trong số",
    "of all",
    "of total",
    "of the total",
    "share",
    "rate",
    "of households",
    "of people",
    "of businesses",
    "of the population",
)
#: Words that guess instead of confirming: not allowed among a crisis statement's facts.
SPECULATION = _words(
    "có thể do",
    "có thể là",
    "có thể đã",
    "nghi ngờ",
    "nghi vấn",
    r"nghi(?! (?:lễ|thức))",
    "dường như",
    "có lẽ",
    "hình như",
    "khả năng là",
    "được cho là",
    "dự đoán",
    "phỏng đoán",
    "e rằng",
    "probably",
    "possibly",
    "may have",
    "might",
    "could have",
    "likely",
    "apparently",
    "seems?",
    "appears? to",
    "suspected",
    "believed to",
    "allegedly",
    "presumably",
)
#: "No comment" in any form: never in a statement (CDC: it sounds like hiding something).
NO_COMMENT = _words(
    "miễn bình luận",
    "không bình luận",
    "từ chối bình luận",
    "không có ý kiến",
    "no comment",
    "cannot comment",
    "can't comment",
    "can not comment",
    "declined? to comment",
    "will not comment",
    "won't comment",
)
#: Words saying a story is a composite; then `story_illustrative` should be set.
ILLUSTRATIVE = _words(
    "minh họa",
    "minh hoạ",
    "giả định",
    "hư cấu",
    "tổng hợp từ nhiều",
    "illustrative",
    "composite",
    "fictional",
    "hypothetical",
)
#: A call to action names a way to act: a link, a phone, an email or a deadline.
ACTION_MEANS = re.compile(
    r"(?:https?://|www\.)\S+|[\w-]+\.(?:gov\.vn|vn|com|org|net)\b|\d{3,}[\s.]?\d{3}"
    r"|@|\d{1,2}/\d{1,2}|(?<!\w)(?:trước ngày|hạn chót|thời hạn|trước|trong vòng|tổng đài"
    r"|hotline|deadline|by|before|until|call|visit|gọi|truy cập|đến hết)(?!\w)",
    re.IGNORECASE,
)
