"""Chinese personal names in pinyin that the English model misses.

The translations write Chinese names as surname then given name, in pinyin:
"Zhao Guiying", "Ma Lin". en_core_web_sm knows many of them as PERSON, but not
all, and never one whose surname is an English word ("He Xiaoming"). This
component, run after the recognizer, marks a common surname followed by a
capitalised given name made of pinyin syllables as a PERSON, where no entity is
yet, and relabels the model's organization or place of just those two words
("Model worker Sun Guilan" comes out an ORG); it never changes an entity kg's
unit ruler found.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.pinyin import pinyin_syllables

__all__ = ["SURNAMES", "PersonNames", "is_pinyin_name"]

# The common Chinese surnames, in pinyin (single and double).
SURNAMES = frozenset(
    """Ai An Bai Ban Bao Bei Bi Bian Bo Cai Cao Cen Chai Chang Chen Cheng Chi Chu Cong Cui Dai Dang Deng Di
    Diao Ding Dong Dou Du Duan Fan Fang Fei Feng Fu Gan Gao Ge Geng Gong Gu Guan Guo Han Hao He Hong Hou Hu
    Hua Huang Ji Jia Jian Jiang Jiao Jin Jing Ju Kang Ke Kong Kou Kuang Lai Lan Lang Lei Li Lian Liang Liao
    Lin Ling Liu Long Lou Lu Luo Lü Ma Mai Mao Mei Meng Mi Miao Min Mo Mu Ni Nie Ning Niu Ou Pan Pang Pei
    Peng Pi Ping Pu Qi Qian Qiao Qin Qiu Qu Quan Ran Rao Ren Rong Ruan Sha Shan Shang Shao Shen Sheng Shi
    Shu Si Song Su Sun Tan Tang Tao Teng Tian Tong Tu Wan Wang Wei Wen Weng Wu Xi Xia Xiang Xiao Xie Xin
    Xing Xiong Xu Xuan Xue Yan Yang Yao Ye Yi Yin Ying You Yu Yuan Yue Yun Zang Zeng Zha Zhai Zhan Zhang
    Zhao Zhen Zheng Zhong Zhou Zhu Zhuang Zhuo Zong Zou Ouyang Sima Situ Zhuge Shangguan Huangfu Duanmu""".split()
)
# Surnames that are also English words: after one of these, a one-syllable "given name" is
# more likely an English word ("He Can", "An Ode"), so two syllables are asked for, and no
# English word ("Long Time").
_ENGLISH = frozenset({"An", "Bai", "Ban", "Bi", "Chang", "Di", "Fan", "Gan", "He", "Hong", "Ju", "Long", "Lu",
                      "Ma", "Mai", "Man", "Mi", "Min", "Mo", "Pan", "Pi", "Ping", "Sha", "Shu", "Si", "Song",
                      "Sun", "Tan", "Tang", "Tu", "Wan", "Wei", "Wen", "Xi", "Ye", "Yi", "Yu", "You"})


def is_pinyin_name(surname: str, given: str, english: frozenset[str] = frozenset()) -> bool:
    """Whether ``surname given`` reads as a Chinese personal name in pinyin (``english``: English words)."""
    if surname not in SURNAMES or not given[:1].isupper() or not given[1:].replace("-", "").islower():
        return False
    n = pinyin_syllables(given)
    if surname in _ENGLISH:
        return 2 <= n <= 3 and given.lower() not in english
    return 1 <= n <= 3


@Language.factory("kg_person_names", assigns=["doc.ents"], default_config={})
def make_person_names(nlp: Language, name: str) -> "PersonNames":
    return PersonNames(name, _english_words(nlp))


def _english_words(nlp: Language) -> frozenset[str]:
    """The English words the model's lemmatizer knows (its index of base forms), if it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


class PersonNames:
    """Marks "Surname Givenname" in pinyin as PERSON where no entity is yet (see the module docstring)."""

    def __init__(self, name: str = "kg_person_names", english: frozenset[str] = frozenset()) -> None:
        self.name = name
        self.english = english

    def __call__(self, doc: Doc) -> Doc:
        found = []
        i = 0
        while i < len(doc) - 1:
            a, b = doc[i], doc[i + 1]
            if (a.ent_iob_ not in ("B", "I") and b.ent_iob_ not in ("B", "I") and a.whitespace_
                    and is_pinyin_name(a.text, b.text, self.english)):
                found.append(Span(doc, i, i + 2, label="PERSON"))
                i += 2
                continue
            i += 1
        for ent in doc.ents:  # the model's guess of an organization or a place for a name
            if (ent.label_ in ("ORG", "GPE") and len(ent) == 2 and ent[0].whitespace_
                    and is_pinyin_name(ent[0].text, ent[1].text, self.english)):
                found.append(Span(doc, ent.start, ent.end, label="PERSON"))
        if found:
            doc.set_ents(found, default="unmodified")
        return doc
