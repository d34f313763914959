"""Search by pinyin: initials and full pinyin find a name, as clerks type them in WPS."""

from app.text import is_pinyin_query
from app.text import matches_text
from app.text import pinyin_forms


def test_initials_and_full_pinyin_find_a_name():
    assert pinyin_forms("张小明") == ("zxm", "zhangxiaoming")
    for query in ("zxm", "ZXM", "xm", "zhangxiaoming", "xiaoming", "小明"):
        assert matches_text("张小明", query), query
    for query in ("zxn", "lihua", "小红"):
        assert not matches_text("张小明", query), query


def test_only_letters_are_taken_as_pinyin():
    assert is_pinyin_query("zxm")
    assert not is_pinyin_query("z1")
    assert not is_pinyin_query("张")
    assert matches_text("第2季度", "2")  # digits still find as characters
