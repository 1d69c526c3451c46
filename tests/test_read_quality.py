"""Text-layer quality scores: words or debris, in any language, judged more strictly on scans."""

from __future__ import annotations

import pytest

from pipeline.read.quality import (MIN_TEXT_CHARS, SCAN_MIN_SCORE, TEXT_MIN_SCORE, assess_page, bad_glyph_share,
                                   languages, word_score)

ENGLISH = ("The evaluation found that the programme reached most of its targets for water supply, although "
           "maintenance funds were often late and several committees stopped meeting after the first year.")
# Real text in languages the quality check has no dictionary for, or that use other scripts.
SWAHILI = ("Serikali ya Tanzania imeanzisha mpango wa kuboresha huduma za afya katika maeneo ya vijijini. Ripoti "
           "hii inaonyesha kwamba watoto wengi bado hawapati chanjo kwa wakati.")
SOMALI = ("Dowladda Soomaaliya waxay bilowday barnaamij lagu horumarinayo adeegyada caafimaadka ee miyiga. "
          "Warbixintan waxay muujinaysaa in carruur badan aysan weli helin tallaalka waqtigeeda.")
HAUSA = ("Gwamnatin Najeriya ta kaddamar da shirin inganta ayyukan kiwon lafiya a yankunan karkara. Rahoton ya "
         "nuna cewa yara da yawa ba sa samun allurar rigakafi a kan lokaci.")
YORUBA = ("Ijoba ipinle Eko ti bere eto tuntun lati mu ilosiwaju ba eto ilera ni awon agbegbe igberiko. Iroyin yii "
          "fihan pe opolopo omode ko tii gba abere ajesara ni akoko.")
KINYARWANDA = ("Leta y'u Rwanda yatangije gahunda yo guteza imbere serivisi z'ubuzima mu byaro. Raporo igaragaza ko "
               "abana benshi bataracyabona inkingo ku gihe.")
MALAGASY = ("Nanomboka fandaharana vaovao ny governemanta mba hanatsarana ny tolotra ara-pahasalamana any "
            "ambanivohitra. Asehon'ity tatitra ity fa ankizy maro no mbola tsy mahazo vaksiny ara-potoana.")
SWEDISH = ("Utvärderingen visar att biståndet har bidragit till att stärka det lokala civilsamhället, men att "
           "många organisationer fortfarande saknar långsiktig finansiering och tydliga mål för sitt arbete.")
CHINESE = ("根据公司前期公告，神鹰集团自2015年4月6日起已明显出现无法按期偿还银行贷款的情况，"
           "且公司年报披露后不久神鹰集团破产清算申请就被法院受理。") * 2
ARABIC = ("أظهر التقييم أن البرنامج حقق معظم أهدافه في مجال إمدادات المياه، "
          "على الرغم من أن أموال الصيانة كانت تتأخر في كثير من الأحيان.")
TABLE_OF_CODES = " ".join(f"NHN_HN_{kind}_{n} hydroJunctionID {n}.{n % 7} WBodyTypeCode isolatedNodeID"
                          for n, kind in enumerate(["Bank", "Delimiter", "Island", "Waterbody", "Nlflow"] * 3))
# A typewritten letter's OCR layer gone wrong (after the sample in the shared corpus).
BAD_OCR = ("«POAH «3E*»CM tanntxim. inc. / ^. ^ toi n»Bfl. iseorty ttsrootj saifii, GROTE, nut, s*r;tiiR» and "
           "FRG&t OSZ H. USSSOBS Eeairing to keep you posted on the progresa of the Foundatlon you Kill tee "
           "interested to knot that to defce the Foundation, hes receivcd •the fallowings (a) A lettcr from the "
           "Aaalggfitted fc-ugsx Company eecepting 3s«»teership and encloslng thelr cheek.")


def shift(text: str, by: int) -> str:
    """Lower-case letters shifted, as a font without a Unicode map can leave a born-digital page."""
    return "".join(chr((ord(c) - 97 + by) % 26 + 97) if "a" <= c <= "z" else c for c in text)


LANGUAGES = {"english": ENGLISH, "swedish": SWEDISH, "swahili": SWAHILI, "somali": SOMALI, "hausa": HAUSA,
             "yoruba": YORUBA, "kinyarwanda": KINYARWANDA, "malagasy": MALAGASY, "chinese": CHINESE,
             "arabic": ARABIC}


@pytest.mark.parametrize("language", [*LANGUAGES, "codes"])
def test_real_text_in_any_language_is_text(language):
    assert assess_page(LANGUAGES.get(language, TABLE_OF_CODES), image_cover=0.0).kind == "text"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_good_ocr_layer_on_a_scan_is_text(language):
    quality = assess_page(LANGUAGES[language], image_cover=1.0)
    assert quality.scanned and quality.kind == "text"


def test_a_bad_ocr_layer_on_a_scan_is_garbled():
    quality = assess_page(BAD_OCR, image_cover=1.0)
    assert quality.kind == "garbled" and quality.score < SCAN_MIN_SCORE


@pytest.mark.parametrize("by", range(1, 26))
def test_letters_from_a_broken_font_encoding_are_garbled(by):
    for text in (ENGLISH, SWEDISH):
        quality = assess_page(shift(text, by), image_cover=0.0)
        assert quality.kind == "garbled" and quality.score < TEXT_MIN_SCORE


def test_unmapped_cid_glyphs_are_garbled():
    text = " ".join("(cid:%d)(cid:%d)(cid:%d)" % (n, n + 1, n + 2) for n in range(40))
    assert bad_glyph_share(text) == 1.0
    assert assess_page(text, image_cover=0.0).kind == "garbled"


def test_a_few_cid_bullets_do_not_spoil_a_page():
    text = "\n".join(f"(cid:127) {sentence}." for sentence in ENGLISH.split(", "))
    assert assess_page(text, image_cover=0.0).kind == "text"


def test_private_use_and_replacement_characters_count_as_broken_glyphs():
    assert bad_glyph_share("\ue000\ue001\ufffd ok") == pytest.approx(3 / 5)
    assert bad_glyph_share("Ministère de la Santé – 12 %") == 0.0


def test_an_image_with_a_few_stray_characters_has_no_text_layer():
    # A scanned seal page whose only text is a date.
    assert assess_page("2021 3 31", image_cover=1.0).kind == "no_text"
    assert assess_page("", image_cover=0.6).kind == "no_text"


def test_a_page_without_text_or_images_is_blank_and_a_short_page_is_text():
    assert assess_page("", image_cover=0.0).kind == "blank"
    assert assess_page("  \n ", image_cover=0.1).kind == "blank"
    assert assess_page("12", image_cover=0.0).kind == "text"  # a page number alone is not a scan
    assert len("Annex 3: Maps") < MIN_TEXT_CHARS and assess_page("Annex 3: Maps", 0.0).kind == "text"


def test_too_few_words_to_judge_gives_no_word_score():
    assert word_score("Annex 3 Maps") is None


def test_the_language_list_is_data_and_starts_with_english():
    assert languages()[0] == "en" and {"fr", "es", "pt", "sv"} <= set(languages())


def test_english_is_read_once_for_text_repair_and_page_checks():
    """The page checks ask wordfreq for the same English table text repair loads, not a second copy of it."""
    import subprocess
    import sys

    script = ("import wordfreq\n"
              "from pipeline.text.words import zipf\n"
              "from pipeline.read.quality import warm_up\n"
              "zipf('the'); warm_up(); zipf('New-York')\n"
              "print(wordfreq.get_frequency_list.cache_info().misses, wordfreq.get_frequency_dict.cache_info().misses)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "1"], "one table read, one dict built"
